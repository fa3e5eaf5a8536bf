from django.shortcuts import render


def forbidden(request, exception=None):
    why = str(exception) if exception and str(exception) else "You do not have access to this page."
    return render(request, "errors/403.html", {"why": why}, status=403)


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)
