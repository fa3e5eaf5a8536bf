"""API tokens expire.

Tokens issued before this get a full lifetime (API_TOKEN_DAYS) from the day it runs: the default
is worked out once for all existing rows, so no system stops working without warning on upgrade.
"""

import django.db.models.deletion
import django.utils.timezone
import whatsstrong.core.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='apitoken',
            options={'verbose_name': 'API token'},
        ),
        migrations.AddField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(default=whatsstrong.core.models.api_token_expiry, verbose_name='expires'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='created'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='last_used_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='last used'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='name',
            field=models.CharField(help_text='Which system uses it.', max_length=100, verbose_name='system'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='revoked_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='revoked'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to=settings.AUTH_USER_MODEL, verbose_name='staff member'),
        ),
    ]
