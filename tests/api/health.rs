use crate::harness::TestApp;

#[tokio::test]
async fn healthz_answers_ok_once_the_server_is_up() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn graphiql_is_off_outside_demo_mode() {
    let app = TestApp::spawn().await;
    // A GET without `query` is a bad GraphQL request here, not the GraphiQL page.
    let response = reqwest::get(app.url("/graphql")).await.unwrap();
    assert_eq!(response.status(), 400);
    let body = response.text().await.unwrap();
    assert!(!body.to_lowercase().contains("graphiql"), "{body}");
}
