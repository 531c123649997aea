from django.http import HttpResponse

def home(request):
    return HttpResponse("")

def health(request):
    return HttpResponse("ok")
