from pages.support import http, pages_settings, pages_var, real_site, real_store, site_url  # noqa: F401  (fixtures)
