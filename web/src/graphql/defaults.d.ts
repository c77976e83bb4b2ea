import "@apollo/client";

// Queries default to errorPolicy "all" (see createClient); declared so that the hooks'
// result types include partial data with errors.
declare module "@apollo/client" {
  export namespace ApolloClient {
    export namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: "all";
      }
      interface Query {
        errorPolicy: "all";
      }
    }
  }
}
