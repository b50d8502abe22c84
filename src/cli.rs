//! The commands of the `community-hub` binary.

use std::collections::HashMap;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::auth::GrantSpec;
use crate::config::Config;
use crate::domain::clock::Clock;
use crate::error::AppError;
use crate::seed::Scale;

#[derive(Debug, Parser)]
#[command(
    name = "community-hub",
    version,
    about = "GraphQL data hub for grassroots community governance"
)]
pub struct Cli {
    /// Optional TOML config file; environment variables override its keys.
    #[arg(long, global = true, env = "CONFIG_FILE")]
    pub config: Option<PathBuf>,
    /// Log as JSON lines instead of text.
    #[arg(long, global = true)]
    pub log_json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve GraphQL on LISTEN_ADDR.
    Serve {
        /// Load the demo dataset into an empty database and turn on GraphiQL.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Load the deterministic demo dataset into an empty database.
    SeedDemo {
        #[arg(long, value_enum, default_value_t = Scale::Small)]
        scale: Scale,
        /// Streets instead of the scale's own number (each as large as the scale's):
        /// e.g. `--scale district --streets 20` for four districts' worth.
        #[arg(long)]
        streets: Option<u32>,
        /// Also load a year of activity (requests, service orders, volunteering,
        /// visits, mediation) in a real district's volumes, for dashboards and benchmarks.
        #[arg(long)]
        activity: bool,
    },
    /// Create a user account with its grants.
    CreateUser {
        #[arg(long)]
        username: String,
        /// Name of the environment variable holding the password (never a flag: flags
        /// end up in shell history and process lists).
        #[arg(long)]
        password_env: String,
        #[arg(long)]
        display_name: String,
        /// A role on an area, ROLE:AREA_KIND:AREA_ID (e.g. GRID_WORKER:grid:12); repeatable.
        #[arg(long = "grant")]
        grants: Vec<GrantSpec>,
        /// The resident record of a user who is a resident.
        #[arg(long)]
        resident_id: Option<i32>,
    },
    /// Print an access token for a user, without their password (development only:
    /// needs --demo or ALLOW_DEV_TOKENS=1, and the server's signing key).
    IssueToken {
        #[arg(long)]
        user: String,
        #[arg(long)]
        demo: bool,
    },
    /// Register every `*.graphql` file of a directory as a trusted document (by its
    /// SHA-256), for clients that may run registered documents only.
    RegisterDocuments {
        #[arg(long)]
        dir: PathBuf,
    },
    /// Print the GraphQL schema (SDL), or write it to a file.
    ExportSchema {
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Registers the trusted documents of `dir` once the database is migrated (`serve` may
/// start before its database answers).
fn register_when_ready(state: &crate::AppState, dir: PathBuf) {
    let state = state.clone();
    tokio::spawn(async move {
        state.readiness.wait().await;
        match state.documents.register_dir(&dir).await {
            Ok(registered) => {
                tracing::info!(count = registered.len(), "trusted documents registered")
            }
            Err(err) => tracing::error!(error = %err, "registering trusted documents"),
        }
    });
}

pub async fn run(cli: Cli, env: &HashMap<String, String>) -> Result<(), AppError> {
    if let Command::ExportSchema { out } = &cli.command {
        return export_schema(out.as_deref());
    }
    let mut config = Config::load(cli.config.as_deref(), env).map_err(configuration)?;
    match cli.command {
        Command::Serve { demo } => {
            if !demo {
                config.require_production_keys().map_err(configuration)?;
            }
            config.demo = demo;
            // Demo data goes into the database before serving, so it must answer now.
            let startup = if demo {
                crate::Startup::MigrateNow
            } else {
                crate::Startup::WaitForDatabase
            };
            let app = crate::build_app_with(config, Clock::System, startup, |b| b).await?;
            if demo {
                seed_if_empty(&app.state.db, &Scale::Small.shape()).await?;
                create_demo_accounts(&app.state).await?;
            }
            if let Some(dir) = app.state.config.trusted_documents_dir.clone() {
                register_when_ready(&app.state, dir);
            }
            let ticker = crate::service::requests::ticker::run(app.state.clone(), TICK);
            tokio::spawn(ticker);
            crate::http::serve(app).await
        }
        Command::CreateUser {
            username,
            password_env,
            display_name,
            grants,
            resident_id,
        } => {
            let password = env.get(&password_env).cloned().ok_or_else(|| {
                AppError::bad_input(format!("environment variable {password_env} is not set"))
            })?;
            let app = crate::build_app(config, Clock::System).await?;
            let user = crate::auth::NewUser {
                username,
                password,
                display_name,
                resident_id,
                grants,
            };
            let id = app.state.auth.create_user(user).await?;
            tracing::info!(user_id = id, "user created");
            Ok(())
        }
        Command::IssueToken { user, demo } => {
            if !demo && env.get("ALLOW_DEV_TOKENS").map(String::as_str) != Some("1") {
                return Err(AppError::Forbidden(
                    "issue-token is for development: pass --demo or set ALLOW_DEV_TOKENS=1".into(),
                ));
            }
            // A token signed with a throw-away key would be refused by the server.
            config.require_production_keys().map_err(configuration)?;
            let app = crate::build_app(config, Clock::System).await?;
            let token = app.state.auth.issue_token_for_user(&user).await?;
            println!("{}", token.token);
            Ok(())
        }
        Command::RegisterDocuments { dir } => {
            let app = crate::build_app(config, Clock::System).await?;
            for (file, hash) in app.state.documents.register_dir(&dir).await? {
                println!("{hash}  {file}");
            }
            Ok(())
        }
        Command::Migrate => {
            crate::build_app(config, Clock::System).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::SeedDemo {
            scale,
            streets,
            activity,
        } => {
            // A bulk load, not a request: the serving statement timeout (5 s by default)
            // cancels the statements that fill a district on PostgreSQL.
            config.db_statement_timeout = config.db_statement_timeout.max(SEED_STATEMENT_TIMEOUT);
            let app = crate::build_app(config, Clock::System).await?;
            let mut shape = scale.shape();
            shape.streets = streets.unwrap_or(shape.streets);
            if !seed_if_empty(&app.state.db, &shape).await? {
                return Err(AppError::Conflict(
                    "the database already has data; seed-demo only fills an empty one".into(),
                ));
            }
            if activity {
                let started = std::time::Instant::now();
                let report =
                    crate::seed::activity::seed_activity(&app.state.db, crate::seed::DEMO_SEED)
                        .await?;
                tracing::info!(
                    ?report,
                    seconds = started.elapsed().as_secs_f64(),
                    "activity loaded"
                );
                let ticks = catch_up_ticker(&app.state).await?;
                tracing::info!(ticks, "request ticker caught up");
            }
            Ok(())
        }
        Command::ExportSchema { .. } => unreachable!("handled above"),
    }
}

/// Ticks until nothing is due, so the seeded requests stand as a running ticker would
/// have left them (escalated past their deadlines, closed unevaluated): else the first
/// server on the data spends its first minutes on that backlog, and a benchmark
/// counts its statements as the requests'.
async fn catch_up_ticker(state: &crate::AppState) -> crate::error::AppResult<usize> {
    let mut ticks = 0;
    loop {
        let now = state.clock.now();
        match crate::service::requests::ticker::tick(&state.db, None, now).await? {
            Some(done) if done != Default::default() => ticks += 1,
            _ => return Ok(ticks),
        }
    }
}

/// The least statement timeout `seed-demo` runs with (`--scale city` included).
const SEED_STATEMENT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30 * 60);

async fn seed_if_empty(
    db: &sea_orm::DatabaseConnection,
    shape: &crate::seed::Shape,
) -> Result<bool, AppError> {
    if !crate::seed::is_empty(db).await? {
        tracing::info!("database has data; demo dataset not loaded");
        return Ok(false);
    }
    let started = std::time::Instant::now();
    let report = crate::seed::seed(db, shape, crate::seed::DEMO_SEED).await?;
    tracing::info!(
        households = report.households,
        residents = report.residents,
        seconds = started.elapsed().as_secs_f64(),
        "demo dataset loaded"
    );
    Ok(true)
}

fn configuration(err: crate::config::ConfigError) -> AppError {
    AppError::Internal(format!("configuration: {err}"))
}

/// How often `serve` escalates overdue requests.
const TICK: std::time::Duration = std::time::Duration::from_secs(60);

/// The demo accounts, made once. Their password goes to stdout (never the log) when it
/// was generated, since nobody else knows it.
async fn create_demo_accounts(state: &crate::AppState) -> Result<(), AppError> {
    if state
        .auth
        .user_exists(crate::auth::demo::MARKER_USER)
        .await?
    {
        return Ok(());
    }
    let configured = state.config.demo_password.as_ref();
    let password = match configured {
        Some(secret) => secret.expose().to_owned(),
        None => crate::auth::demo::generate_password(),
    };
    let accounts = crate::auth::demo::create_demo_accounts(state, &password).await?;
    crate::seed::requests::seed_demo_requests(state).await?;
    crate::seed::points::seed_demo_points(state).await?;
    crate::seed::visits::seed_demo_visits(state).await?;
    crate::seed::mediation::seed_demo_mediation(state).await?;
    crate::seed::services::seed_demo_services(state).await?;
    crate::seed::cobuild::seed_demo_cobuild(state).await?;
    println!("Demo accounts (same password for all; the client secret of demo-app too):");
    for (account, sees) in &accounts {
        println!("  {account:<24} {sees}");
    }
    if configured.is_none() {
        println!("  password: {password}   (set DEMO_PASSWORD to choose it)");
    }
    Ok(())
}

fn export_schema(out: Option<&std::path::Path>) -> Result<(), AppError> {
    let sdl = crate::graphql::sdl();
    match out {
        Some(path) => std::fs::write(path, sdl)
            .map_err(|err| AppError::Internal(format!("cannot write {}: {err}", path.display()))),
        None => {
            print!("{sdl}");
            Ok(())
        }
    }
}
