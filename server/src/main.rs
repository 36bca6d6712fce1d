use clap::Parser;
use portal::cli::{self, Cli};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    portal::telemetry::init();
    match cli::run(Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
