from django.urls import path

from . import health, oidc, views, views_account

app_name = "core"
urlpatterns = [
    path("health/", health.health, name="health"),
    path("access-log/", views.access_log, name="access_log"),
    path("access-log/reasons/", views.reasons, name="reasons"),
    path("access-log/reasons/<int:pk>/", views.review_reason, name="review_reason"),
    path("people/<int:pk>/restricted/", views.give_reason, name="give_reason"),
    path("drafts/", views.save_form_draft, name="save_draft"),
    path("drafts/discard/", views.discard_form_draft, name="discard_draft"),
    path("sign-in/two-factor/", views_account.verify, name="two_factor_verify"),
    path("sign-in/sso/", oidc.start, name="oidc_start"),
    path("sign-in/sso/callback/", oidc.callback, name="oidc_callback"),
    path("account/", views_account.account, name="account"),
    path("account/two-factor/set-up/", views_account.setup, name="two_factor_setup"),
    path("account/two-factor/recovery-codes/", views_account.recovery_codes, name="two_factor_recovery_codes"),
    path("account/password/", views_account.PasswordChange.as_view(), name="password_change"),
    path("account/password/changed/", views_account.PasswordChangeDone.as_view(), name="password_change_done"),
    path("staff/two-factor/", views_account.staff_two_factor, name="staff_two_factor"),
    path("staff/<int:pk>/two-factor/reset/", views_account.reset_two_factor, name="two_factor_reset"),
]
