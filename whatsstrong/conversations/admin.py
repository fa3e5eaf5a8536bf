from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CaseNote

admin.site.register(CaseNote, SimpleHistoryAdmin)
