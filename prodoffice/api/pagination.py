"""Page-number pagination with a bounded page size."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`?page=2&page_size=100`, at most 500 a page."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
