//! The commands of the `community-hub` binary.

use std::collections::HashMap;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
    },
    /// Print the GraphQL schema (SDL), or write it to a file.
    ExportSchema {
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub async fn run(cli: Cli, env: &HashMap<String, String>) -> Result<(), AppError> {
    if let Command::ExportSchema { out } = &cli.command {
        return export_schema(out.as_deref());
    }
    let mut config = Config::load(cli.config.as_deref(), env)
        .map_err(|err| AppError::Internal(format!("configuration: {err}")))?;
    match cli.command {
        Command::Serve { demo } => {
            config.demo = demo;
            let app = crate::build_app(config, Clock::System).await?;
            if demo {
                seed_if_empty(&app.state.db, Scale::Small).await?;
            }
            crate::http::serve(app).await
        }
        Command::Migrate => {
            crate::build_app(config, Clock::System).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::SeedDemo { scale } => {
            let app = crate::build_app(config, Clock::System).await?;
            if !seed_if_empty(&app.state.db, scale).await? {
                return Err(AppError::Conflict(
                    "the database already has data; seed-demo only fills an empty one".into(),
                ));
            }
            Ok(())
        }
        Command::ExportSchema { .. } => unreachable!("handled above"),
    }
}

async fn seed_if_empty(db: &sea_orm::DatabaseConnection, scale: Scale) -> Result<bool, AppError> {
    if !crate::seed::is_empty(db).await? {
        tracing::info!("database has data; demo dataset not loaded");
        return Ok(false);
    }
    let started = std::time::Instant::now();
    let report = crate::seed::seed(db, &scale.shape(), crate::seed::DEMO_SEED).await?;
    tracing::info!(
        households = report.households,
        residents = report.residents,
        seconds = started.elapsed().as_secs_f64(),
        "demo dataset loaded"
    );
    Ok(true)
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
