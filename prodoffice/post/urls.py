"""Post pages: pipeline, my work, cuts and change lists, rooms and bookings, deliveries."""

from django.urls import path

from prodoffice.post.views import delivery, editorial, pipeline, rooms

production_urlpatterns = [
    path("post/", pipeline.post_pipeline, name="post"),
    path("post/template/", pipeline.post_template, name="post_template"),
    path("post/tasks/<int:pk>/status/", pipeline.post_task_status, name="post_task_status"),
    path("post/mine/", pipeline.post_mine, name="post_mine"),
    path("post/cuts/", editorial.post_cuts, name="post_cuts"),
    path("post/cuts/changes/", editorial.post_changes, name="post_changes"),
    path("post/cuts/conform/", editorial.post_conform, name="post_conform"),
    path("post/rooms/", rooms.post_rooms, name="post_rooms"),
    path("post/rooms/new/", rooms.post_room_new, name="post_room_new"),
    path("post/rooms/<int:pk>/week/", rooms.post_room_week, name="post_room_week"),
    path("post/rooms/<int:pk>/calendar.ics", rooms.post_room_ics, name="post_room_ics"),
    path("post/people/<uuid:public_id>/week/", rooms.post_person_week, name="post_person_week"),
    path("post/bookings/", rooms.post_bookings, name="post_bookings"),
    path("post/deliveries/", delivery.post_deliveries, name="post_deliveries"),
]

urlpatterns = []
