"""Contract pages: the desk, a contract, bulk jobs, signing in the app and by link, the verifier."""

from django.urls import path

from prodoffice.web.views import contracts, signing

production_urlpatterns = [
    path("contracts/", contracts.contract_desk, name="contracts"),
    path("contracts/new/", contracts.contract_create, name="contract_new"),
    path("contracts/mine/", contracts.my_contracts, name="my_contracts"),
    path("contracts/bulk/", contracts.contracts_bulk, name="contracts_bulk"),
    path("contracts/jobs/<uuid:public_id>/", contracts.contract_job, name="contract_job"),
    path("contracts/<uuid:public_id>/", contracts.contract_detail, name="contract"),
    path("contracts/<uuid:public_id>/edit/", contracts.contract_edit, name="contract_edit"),
    path(
        "contracts/<uuid:public_id>/preview.pdf",
        contracts.contract_preview,
        name="contract_preview",
    ),
    path(
        "contracts/<uuid:public_id>/document/",
        contracts.contract_document,
        name="contract_document",
    ),
    path("contracts/<uuid:public_id>/sign/", signing.contract_sign, name="contract_sign"),
    path(
        "contracts/<uuid:public_id>/sign/document.pdf",
        signing.contract_sign_document,
        name="contract_sign_document",
    ),
]

urlpatterns = [
    path("sign/<str:token>/", signing.sign_link, name="sign_link"),
    path("sign/<str:token>/document.pdf", signing.sign_link_document, name="sign_link_document"),
    path("verify/", signing.verify, name="verify"),
]
