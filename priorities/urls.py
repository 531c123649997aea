app_name = "priorities"
urlpatterns = []
