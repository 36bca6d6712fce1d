//! `portal photo-check`: the photo engine on files, natively.
use photo::{check_file, FaceDetector, Report, Status};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Serialize)]
struct FileReport<'a> {
    file: String,
    #[serde(flatten)]
    report: &'a Report,
}

/// Checks each file and prints its report; returns how many files could not be read.
pub fn run(files: &[PathBuf], json: bool, out: &mut impl Write) -> std::io::Result<usize> {
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut unreadable = 0;
    for path in files {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("{}: cannot be read: {err}", path.display());
                unreadable += 1;
                continue;
            }
        };
        let report = check_file(&bytes, &mut detector);
        let file = path.display().to_string();
        if json {
            serde_json::to_writer(&mut *out, &FileReport { file, report: &report }).map_err(std::io::Error::other)?;
            writeln!(out)?;
        } else {
            write_table(out, &file, &report)?;
        }
    }
    Ok(unreadable)
}

fn write_table(out: &mut impl Write, file: &str, report: &Report) -> std::io::Result<()> {
    writeln!(out, "{file}: {}", serde_json::to_value(report.verdict).unwrap_or_default().as_str().unwrap_or(""))?;
    for check in &report.checks {
        let status = match check.status {
            Status::Pass => "pass",
            Status::Warn => "WARN",
            Status::Fail => "FAIL",
            Status::Skipped => "skipped",
        };
        let value = check.value.as_ref().map(|v| match v {
            photo::Value::Number(n) => n.to_string(),
            photo::Value::Text(t) => t.clone(),
        });
        writeln!(
            out,
            "  {:<11} {:<8} {:<12} {}{}",
            check.id.as_str(),
            status,
            value.unwrap_or_default(),
            check.limit.as_deref().unwrap_or(""),
            check.reason.map(|r| format!("  ({r})")).unwrap_or_default(),
        )?;
    }
    Ok(())
}
