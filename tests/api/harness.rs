//! `TestApp`: a running hub on its own database, and helpers to talk GraphQL to it.
//!
//! Seeded fixtures are built once per test binary as a template (a SQLite file, or a
//! PostgreSQL template database) and copied for each test, so every test gets its own
//! data without paying for seeding again.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{TimeZone, Utc};
use community_hub::access::AreaKind;
use community_hub::auth::{NewClient, NewUser};
use community_hub::config::Config;
use community_hub::domain::clock::Clock;
use community_hub::error::AppError;
use community_hub::seed::{self, Shape};
use community_hub::{AppState, ServingSchemaBuilder, Startup, build_app_with};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use tokio::sync::Mutex;

/// The instant every test starts at (Monday 2026-06-15, Asia/Shanghai noon), so ages
/// never drift. Each app has its own manual clock, which deadline tests move.
pub fn test_clock() -> Clock {
    Clock::manual(Utc.with_ymd_and_hms(2026, 6, 15, 4, 0, 0).unwrap())
}

/// Data sets a test can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fixture {
    /// 2 streets × 2 communities × 3 grids × 2 buildings × 2 units × 3 households.
    Tiny,
    /// Tiny with ten times the households (and so residents) per unit.
    TinyTenfold,
    /// The `serve --demo` dataset.
    Demo,
}

impl Fixture {
    pub fn shape(self) -> Shape {
        let tiny = Shape {
            streets: 2,
            communities_per_street: 2,
            grids_per_community: 3,
            buildings_per_grid: 2,
            units_per_building: 2,
            households_per_unit: 3,
        };
        match self {
            Fixture::Tiny => tiny,
            Fixture::TinyTenfold => Shape {
                households_per_unit: 30,
                ..tiny
            },
            Fixture::Demo => seed::Scale::Small.shape(),
        }
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    client: reqwest::Client,
    /// Token `graphql` sends: on seeded apps, a COMMUNITY_STAFF grant on the whole
    /// district (names and phones in full, sensitive data masked).
    staff_token: Option<String>,
    /// Resolving it starts the server's graceful shutdown.
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<Result<(), AppError>>>,
    /// Dropped with the app: removes a PostgreSQL test database.
    _database: TestDatabase,
    database_url: String,
}

/// Config every test app gets unless a test overrides it.
const TEST_ENV: &[(&str, &str)] = &[
    // The N+1 and scoping tests ask for 100 rows at each of up to six levels, and
    // for one alias per parent row, on purpose: far over the production budgets.
    // `hardening.rs` tests each limit with `seeded_with` (and `config.rs` the defaults).
    ("MAX_QUERY_COMPLEXITY", "1000000000000000"),
    ("MAX_ALIASES", "100000"),
    ("MAX_QUERY_CHARS", "1000000"),
    // Tests send far more requests than a person would; `rate_limits.rs` turns them on.
    ("RATE_LIMITS", "off"),
];

/// No change to the served schema.
fn as_served(builder: ServingSchemaBuilder) -> ServingSchemaBuilder {
    builder
}

impl TestApp {
    /// A hub on an empty, migrated database.
    pub async fn spawn() -> TestApp {
        Self::start(TestDatabase::empty().await, &[], as_served).await
    }

    /// A hub on an empty database that it reaches at the URL `reach` makes of the
    /// database's own (through a proxy, say), started as `serve` starts: up at once,
    /// migrating when the database answers.
    pub async fn spawn_waiting_for_database(
        reach: impl FnOnce(&str) -> String,
        env: &[(&str, &str)],
    ) -> TestApp {
        let mut database = TestDatabase::empty().await;
        database.url = reach(&database.url);
        Self::start_with(database, env, Startup::WaitForDatabase, as_served).await
    }

    /// A hub on a copy of `fixture`.
    pub async fn seeded(fixture: Fixture) -> TestApp {
        Self::seeded_with(fixture, &[]).await
    }

    /// A hub on a copy of `fixture`, with `env` config over the test defaults.
    pub async fn seeded_with(fixture: Fixture, env: &[(&str, &str)]) -> TestApp {
        Self::seeded_custom(fixture, env, as_served).await
    }

    /// [`TestApp::seeded_with`], with a last say on the schema.
    pub async fn seeded_custom(
        fixture: Fixture,
        env: &[(&str, &str)],
        customise: fn(ServingSchemaBuilder) -> ServingSchemaBuilder,
    ) -> TestApp {
        let database = TestDatabase::from_template(fixture).await;
        let mut app = Self::start(database, env, customise).await;
        app.staff_token = Some(
            app.token_for("staff", &["COMMUNITY_STAFF:district:1"])
                .await,
        );
        app
    }

    /// Creates a user with `grants` (`ROLE:area_kind:area_id`) and returns an access
    /// token for it.
    pub async fn token_for(&self, username: &str, grants: &[&str]) -> String {
        self.create_user(username, "correct horse battery", grants)
            .await;
        self.state
            .auth
            .issue_token_for_user(username)
            .await
            .expect("token issued")
            .token
    }

    async fn start(
        database: TestDatabase,
        overrides: &[(&str, &str)],
        customise: fn(ServingSchemaBuilder) -> ServingSchemaBuilder,
    ) -> TestApp {
        Self::start_with(database, overrides, Startup::MigrateNow, customise).await
    }

    async fn start_with(
        database: TestDatabase,
        overrides: &[(&str, &str)],
        startup: Startup,
        customise: fn(ServingSchemaBuilder) -> ServingSchemaBuilder,
    ) -> TestApp {
        let mut env: HashMap<String, String> = TEST_ENV
            .iter()
            .chain(overrides)
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect();
        env.insert("DATABASE_URL".to_owned(), database.url.clone());
        let config = Config::load(None, &env).expect("test config");
        let app = build_app_with(config, test_clock(), startup, customise)
            .await
            .expect("app starts");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = app.state.clone();
        let (shutdown, signal) = tokio::sync::oneshot::channel::<()>();
        let signal = async move {
            let _ = signal.await;
        };
        let server = tokio::spawn(community_hub::http::serve_with_shutdown(
            listener, app, signal,
        ));
        TestApp {
            addr,
            state,
            client: reqwest::Client::new(),
            staff_token: None,
            shutdown: Some(shutdown),
            server: Some(server),
            database_url: database.url.clone(),
            _database: database,
        }
    }

    /// A second instance of the hub on this one's database (its own pool, caches and
    /// events listener), as a load balancer would have beside it. Tokens verify on both
    /// only when both were given the same `JWT_SECRET` in `env`.
    pub async fn another_instance(&self, env: &[(&str, &str)]) -> TestApp {
        let database = TestDatabase {
            url: self.database_url.clone(),
            _dir: None,
            postgres_name: None,
        };
        let mut app = Self::start_with(database, env, Startup::MigrateNow, as_served).await;
        app.staff_token = self.staff_token.clone();
        app
    }

    /// Two instances of the hub on one Tiny database, signing tokens with one key, as
    /// behind a load balancer; `None` on SQLite, which serves one instance.
    pub async fn two_instances() -> Option<(TestApp, TestApp)> {
        postgres_url()?;
        let shared_key = [(
            "JWT_SECRET",
            "one signing key for every instance, 32+ bytes",
        )];
        let first = TestApp::seeded_with(Fixture::Tiny, &shared_key).await;
        let second = first.another_instance(&shared_key).await;
        Some((first, second))
    }

    /// Starts a graceful shutdown, as SIGTERM would.
    pub fn begin_shutdown(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }

    /// Waits for the server to stop (after [`TestApp::begin_shutdown`]); its result.
    pub async fn server_exit(&mut self) -> Result<(), AppError> {
        let server = self.server.take().expect("server still running");
        server.await.expect("server task")
    }

    /// The HTTP client the helpers use.
    /// The URL of this app's database.
    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// The staff user's access token (seeded apps).
    pub fn staff_token(&self) -> &str {
        self.staff_token.as_deref().expect("a seeded app")
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The text of `GET /metrics`.
    pub async fn metrics(&self) -> String {
        let response = self.client.get(self.url("/metrics")).send().await.unwrap();
        response.text().await.unwrap()
    }

    /// `GET /graphql` with `params` in the query string.
    pub fn get_url(&self, params: &[(&str, &str)]) -> reqwest::Url {
        let mut url = reqwest::Url::parse(&self.url("/graphql")).unwrap();
        url.query_pairs_mut().extend_pairs(params);
        url
    }

    /// POSTs a GraphQL document (as the staff user on seeded apps, else anonymously)
    /// and returns the whole response body.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        match &self.staff_token {
            Some(token) => self.graphql_as(token, query, variables).await.1,
            None => self.anonymous(query, variables).await,
        }
    }

    /// POSTs a GraphQL document without a token.
    pub async fn anonymous(&self, query: &str, variables: Value) -> Value {
        let response = self
            .client
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request sent");
        response.json().await.expect("JSON body")
    }

    /// POSTs a GraphQL document with `Authorization: Bearer <token>`; returns the
    /// status and the body.
    pub async fn graphql_as(&self, token: &str, query: &str, variables: Value) -> (u16, Value) {
        let response = self.post_graphql_as(token, query, variables).await;
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    async fn post_graphql_as(
        &self,
        token: &str,
        query: &str,
        variables: Value,
    ) -> reqwest::Response {
        self.client
            .post(self.url("/graphql"))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request sent")
    }

    /// As [`TestApp::graphql_as`], the body as sent: for what parsing it would lose,
    /// such as the order of an object's fields.
    pub async fn graphql_text_as(&self, token: &str, query: &str, variables: Value) -> String {
        let response = self.post_graphql_as(token, query, variables).await;
        response.text().await.expect("text body")
    }

    /// Creates an API client in street 1 (secret `a long client secret`, 10,000
    /// operations a day unless `customise` says otherwise) and signs it in with
    /// `clientToken`; returns the access token.
    pub async fn client_token(
        &self,
        client_id: &str,
        scopes: &[&str],
        customise: impl FnOnce(NewClient) -> NewClient,
    ) -> String {
        let client = NewClient {
            client_id: client_id.to_owned(),
            secret: "a long client secret".into(),
            name: "third-party app".into(),
            scopes: scopes.iter().map(|scope| scope.to_string()).collect(),
            daily_quota: 10_000,
            area_kind: AreaKind::Street,
            area_id: 1,
            trusted_documents_only: false,
        };
        self.state
            .auth
            .create_client(customise(client))
            .await
            .expect("client created");
        let body = self
            .anonymous(
                "mutation($id: String!) { clientToken(input: { clientId: $id, clientSecret: \"a long client secret\" }) { accessToken } }",
                json!({ "id": client_id }),
            )
            .await;
        body["data"]["clientToken"]["accessToken"]
            .as_str()
            .unwrap_or_else(|| panic!("client token: {body}"))
            .to_owned()
    }

    /// Creates an active user directly (no GraphQL); returns its database id.
    pub async fn create_user(&self, username: &str, password: &str, grants: &[&str]) -> i32 {
        let user = NewUser {
            username: username.to_owned(),
            password: password.to_owned(),
            display_name: username.to_owned(),
            resident_id: None,
            grants: grants
                .iter()
                .map(|g| g.parse().expect("grant spec"))
                .collect(),
        };
        self.state
            .auth
            .create_user(user)
            .await
            .expect("user created")
    }

    /// `data` of a response that must have no errors.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.graphql(query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }

    /// Moves this app's clock `hours` past the test start.
    pub fn set_clock_hours_after_start(&self, hours: i64) {
        let start = test_clock().now();
        self.state.clock.set(start + chrono::Duration::hours(hours));
    }

    /// SQL statements sent so far on this app's pool.
    pub fn statements(&self) -> u64 {
        self.state.statements.get()
    }
}

/// The `extensions.code` of the first error.
pub fn error_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {body:#}"))
}

/// Each error's code and message, and its path below the first `depth` segments: to
/// compare the errors of one selection asked at different places.
pub fn errors_below(body: &Value, depth: usize) -> Vec<(Value, Value, Vec<Value>)> {
    let errors = body["errors"].as_array().cloned().unwrap_or_default();
    errors
        .iter()
        .map(|error| {
            let path = error["path"].as_array().cloned().unwrap_or_default();
            (
                error["extensions"]["code"].clone(),
                error["message"].clone(),
                path.into_iter().skip(depth).collect(),
            )
        })
        .collect()
}

/// A database that lives as long as its test.
struct TestDatabase {
    url: String,
    _dir: Option<tempfile::TempDir>,
    postgres_name: Option<String>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);
static TEMPLATES: OnceLock<Mutex<HashMap<Fixture, String>>> = OnceLock::new();
static TEMPLATE_DIR: OnceLock<tempfile::TempDir> = OnceLock::new();

fn unique_name(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}_{}_{n}", std::process::id())
}

impl TestDatabase {
    async fn empty() -> TestDatabase {
        match postgres_url() {
            Some(admin) => Self::postgres(&admin, None).await,
            None => {
                let dir = tempfile::tempdir().unwrap();
                let url = sqlite_url(&dir.path().join("hub.db"));
                TestDatabase {
                    url,
                    _dir: Some(dir),
                    postgres_name: None,
                }
            }
        }
    }

    async fn from_template(fixture: Fixture) -> TestDatabase {
        let template = template(fixture).await;
        match postgres_url() {
            Some(admin) => Self::postgres(&admin, Some(&template)).await,
            None => {
                let dir = tempfile::tempdir().unwrap();
                let file = dir.path().join("hub.db");
                std::fs::copy(&template, &file).expect("copy template");
                TestDatabase {
                    url: sqlite_url(&file),
                    _dir: Some(dir),
                    postgres_name: None,
                }
            }
        }
    }

    async fn postgres(admin: &str, template: Option<&str>) -> TestDatabase {
        let name = unique_name("chub_test");
        let admin_db = Database::connect(admin)
            .await
            .expect("PostgreSQL reachable");
        let sql = match template {
            Some(template) => format!("CREATE DATABASE {name} TEMPLATE {template}"),
            None => format!("CREATE DATABASE {name}"),
        };
        admin_db
            .execute_unprepared(&sql)
            .await
            .expect("create test database");
        admin_db.close().await.ok();
        TestDatabase {
            url: with_database(admin, &name),
            _dir: None,
            postgres_name: Some(name),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (Some(name), Some(admin)) = (self.postgres_name.take(), postgres_url()) else {
            return;
        };
        // Drop runs outside async; a short-lived runtime on its own thread does the work.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(runtime) = runtime {
                runtime.block_on(async {
                    if let Ok(db) = Database::connect(&admin).await {
                        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                        let _ = db.execute_unprepared(&sql).await;
                        let _ = db.close().await;
                    }
                });
            }
        })
        .join();
    }
}

/// The template of `fixture`: a SQLite file path or a PostgreSQL database name.
async fn template(fixture: Fixture) -> String {
    let mut templates = TEMPLATES.get_or_init(Default::default).lock().await;
    if let Some(template) = templates.get(&fixture) {
        return template.clone();
    }
    let (url, template) = match postgres_url() {
        Some(admin) => {
            let name = unique_name(&format!("chub_tpl_{fixture:?}").to_lowercase());
            let admin_db = Database::connect(&admin)
                .await
                .expect("PostgreSQL reachable");
            drop_stale_databases(&admin_db).await;
            admin_db
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            admin_db.close().await.ok();
            (with_database(&admin, &name), name)
        }
        None => {
            let dir = TEMPLATE_DIR.get_or_init(|| tempfile::tempdir().unwrap());
            let file = dir.path().join(format!("{fixture:?}.db"));
            (sqlite_url(&file), file.display().to_string())
        }
    };
    let db = Database::connect(&url).await.expect("template database");
    migration_up(&db).await;
    seed::seed(&db, &fixture.shape(), seed::DEMO_SEED)
        .await
        .expect("seed fixture");
    if url.starts_with("sqlite") {
        // Fold the WAL into the main file, so copying the file copies everything.
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await
            .unwrap();
    }
    db.close().await.ok();
    templates.insert(fixture, template.clone());
    template
}

async fn migration_up(db: &sea_orm::DatabaseConnection) {
    use migration::MigratorTrait;
    migration::Migrator::up(db, None).await.expect("migrate");
}

/// Databases left by earlier, interrupted runs of this suite: those whose test process
/// (the pid in the name) is gone. Runs still going in other processes keep theirs.
async fn drop_stale_databases(admin: &sea_orm::DatabaseConnection) {
    let owner_alive = |name: &str| {
        let pid = name.rsplit('_').nth(1).unwrap_or_default();
        !pid.is_empty() && std::path::Path::new("/proc").join(pid).exists()
    };
    let rows = admin
        .query_all_raw(sea_orm::Statement::from_string(
            admin.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 'chub\\_%'",
        ))
        .await
        .unwrap_or_default();
    for row in rows {
        let Ok(name) = row.try_get::<String>("", "datname") else {
            continue;
        };
        if !owner_alive(&name) {
            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            let _ = admin.execute_unprepared(&sql).await;
        }
    }
}

pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
}

fn sqlite_url(file: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", PathBuf::from(file).display())
}

/// `url` with its database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, _) = url
        .rsplit_once('/')
        .expect("TEST_DATABASE_URL has a database name");
    format!("{base}/{name}")
}
