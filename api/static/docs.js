// The OpenAPI page: starts Swagger UI (served by this server, loaded just before this file) on this server's
// /openapi.json.  A file of its own rather than an inline script, so that the page's
// Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";
  window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIBundle.SwaggerUIStandalonePreset]
  });
}());
