use clap::Parser;
use server::cli::{self, Cli};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::telemetry::init();
    match cli::run(Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
