"""Choices for people and companies."""

from django.db import models


class CompanyKind(models.TextChoices):
    STUDIO = "studio", "Studio"
    PRODUCTION_COMPANY = "production_company", "Production company"
    VENDOR = "vendor", "Vendor"
    POST_HOUSE = "post_house", "Post house"
    AGENCY = "agency", "Agency"
    LOAN_OUT = "loan_out", "Loan-out company"


class Proficiency(models.TextChoices):
    NATIVE = "native", "Native"
    FLUENT = "fluent", "Fluent"
    PROFESSIONAL = "professional", "Professional working"
    CONVERSATIONAL = "conversational", "Conversational"
    BASIC = "basic", "Basic"


class Guild(models.TextChoices):
    SAG_AFTRA = "SAG-AFTRA", "SAG-AFTRA"
    DGA = "DGA", "Directors Guild of America"
    WGA = "WGA", "Writers Guild of America"
    IATSE = "IATSE", "IATSE"
    TEAMSTERS = "Teamsters", "Teamsters"
    PGA = "PGA", "Producers Guild of America"
    EQUITY = "Equity", "Equity"
    BECTU = "BECTU", "BECTU"
    ACTRA = "ACTRA", "ACTRA"
    OTHER = "other", "Other"
