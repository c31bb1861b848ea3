"""Contract pages: the desk, a contract, bulk jobs, signing in the app and by link, the verifier."""

from django.urls import path

from prodoffice.contracts.views import contract, desk, signing, verify

production_urlpatterns = [
    path("contracts/", desk.contract_desk, name="contracts"),
    path("contracts/new/", contract.contract_create, name="contract_new"),
    path("contracts/mine/", desk.my_contracts, name="my_contracts"),
    path("contracts/bulk/", desk.contracts_bulk, name="contracts_bulk"),
    path("contracts/jobs/<uuid:public_id>/", desk.contract_job, name="contract_job"),
    path("contracts/<uuid:public_id>/", contract.contract_detail, name="contract"),
    path("contracts/<uuid:public_id>/edit/", contract.contract_edit, name="contract_edit"),
    path(
        "contracts/<uuid:public_id>/preview.pdf",
        contract.contract_preview,
        name="contract_preview",
    ),
    path(
        "contracts/<uuid:public_id>/document/",
        contract.contract_document,
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
    path("verify/", verify.verify, name="verify"),
]
