from pages.support import http, pages_settings, pages_var, site_url  # noqa: F401  (fixtures)
