// Mounts GraphiQL against this gateway's /graphql (same origin, so it works offline).
(function () {
  var fetcher = GraphiQL.createFetcher({
    url: new URL("/graphql", window.location.href).toString(),
  });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
    }),
  );
})();
