"""The post pages: pipeline, cuts and change lists, rooms and bookings, deliveries."""
