// The document lives one level up (/api/openapi.json); the page is served at /api/docs/.
window.ui = SwaggerUIBundle({
  url: new URL('../openapi.json', window.location.href).toString(),
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: false,
});
