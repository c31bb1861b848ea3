"""Post pages: pipeline, my work, cuts and change lists, cues and shots, rooms and bookings,
deliveries; at the top, the rooms' secret calendar links."""

from django.urls import path

from prodoffice.post.views import cues, delivery, editorial, pipeline, rooms

production_urlpatterns = [
    path("post/", pipeline.post_pipeline, name="post"),
    path("post/template/", pipeline.post_template, name="post_template"),
    path("post/tasks/new/", pipeline.post_task_new, name="post_task_new"),
    path("post/tasks/<int:pk>/", pipeline.post_task_edit, name="post_task_edit"),
    path("post/tasks/<int:pk>/status/", pipeline.post_task_status, name="post_task_status"),
    path("post/tasks/<int:pk>/delete/", pipeline.post_task_delete, name="post_task_delete"),
    path("post/tasks/<int:pk>/depend/", pipeline.post_task_depend, name="post_task_depend"),
    path("post/mine/", pipeline.post_mine, name="post_mine"),
    path("post/cuts/", editorial.post_cuts, name="post_cuts"),
    path("post/cuts/changes/", editorial.post_changes, name="post_changes"),
    path("post/cuts/conform/", editorial.post_conform, name="post_conform"),
    path("post/adr-cues/", cues.post_cues, name="post_cues"),
    path("post/vfx-shots/", cues.post_shots, name="post_shots"),
    path("post/adr-cues/<int:pk>/", cues.post_cue_edit, name="post_cue_edit"),
    path("post/adr-cues/<int:pk>/status/", cues.post_cue_status, name="post_cue_status"),
    path("post/adr-cues/<int:pk>/delete/", cues.post_cue_delete, name="post_cue_delete"),
    path("post/vfx-shots/<int:pk>/", cues.post_shot_edit, name="post_shot_edit"),
    path("post/vfx-shots/<int:pk>/status/", cues.post_shot_status, name="post_shot_status"),
    path("post/vfx-shots/<int:pk>/delete/", cues.post_shot_delete, name="post_shot_delete"),
    path("post/rooms/", rooms.post_rooms, name="post_rooms"),
    path("post/rooms/new/", rooms.post_room_new, name="post_room_new"),
    path("post/rooms/<int:pk>/week/", rooms.post_room_week, name="post_room_week"),
    path("post/rooms/<int:pk>/calendar.ics", rooms.post_room_ics, name="post_room_ics"),
    path("post/rooms/<int:pk>/link/", rooms.post_room_feed_rotate, name="post_room_feed_rotate"),
    path("post/people/<uuid:public_id>/week/", rooms.post_person_week, name="post_person_week"),
    path("post/bookings/", rooms.post_bookings, name="post_bookings"),
    path("post/bookings/<int:pk>/level/", rooms.post_booking_level, name="post_booking_level"),
    path("post/bookings/<int:pk>/cancel/", rooms.post_booking_cancel, name="post_booking_cancel"),
    path("post/deliveries/", delivery.post_deliveries, name="post_deliveries"),
    path(
        "post/deliverables/<int:pk>/status/",
        delivery.post_deliverable_status,
        name="post_deliverable_status",
    ),
    path(
        "post/deliverables/<int:pk>/upload/",
        delivery.post_deliverable_upload,
        name="post_deliverable_upload",
    ),
    path(
        "post/deliverables/<int:pk>/file/",
        delivery.post_deliverable_file,
        name="post_deliverable_file",
    ),
]

urlpatterns = [
    path("post/room-links/<str:token>.ics", rooms.post_room_feed, name="post_room_feed"),
]
