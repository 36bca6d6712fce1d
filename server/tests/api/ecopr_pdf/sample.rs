//! Sample fields and the tools that read a PDF back, for the eCOPR tests.

use std::path::PathBuf;
use std::process::Command;

use chrono::NaiveDate;
use portal::ecopr::document::{Bilingual, EcoprFields, Signer};

/// The name the brief calls "the 60-character name" (it is 64 characters).
pub const LONG_NAME: &str = "Maria-Fernanda de los Ángeles Rodríguez-Ñúñez Oyelaran-Kowalczyk";
pub const URL: &str = "https://verify.example.ca/en/ecopr/7K3M-Q9TX-4HWD-2PRA";

pub fn bilingual(en: &str, fr: &str) -> Bilingual {
    Bilingual {
        en: en.into(),
        fr: fr.into(),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn sample() -> EcoprFields {
    EcoprFields {
        full_name: LONG_NAME.into(),
        uci: "1234-5678".into(),
        date_of_birth: date(1990, 3, 14),
        sex: bilingual("F (female)", "F (féminin)"),
        country_of_birth: bilingual("Mexico", "Mexique"),
        citizenship: bilingual("Mexico", "Mexique"),
        became_pr_on: date(2025, 11, 3),
        place: bilingual("Toronto, Ontario", "Toronto (Ontario)"),
        document_number: "E123456789".into(),
        issued_on: date(2025, 11, 4),
        signer: Signer::Holder,
        verification_code: "7K3M-Q9TX-4HWD-2PRA".into(),
        verification_url: URL.into(),
    }
}

/// Writes `pdf` where cargo keeps integration-test scratch files (set for
/// tests only, hence `option_env!`).
pub fn write(name: &str, pdf: &[u8]) -> PathBuf {
    let dir = option_env!("CARGO_TARGET_TMPDIR").map_or_else(std::env::temp_dir, PathBuf::from);
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    path
}

/// Runs a command (poppler-utils, qpdf), asserts it succeeded and returns
/// its standard output.
pub fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {program} (apt-get install poppler-utils qpdf): {e}")
        });
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Lossy: `pdfinfo -struct` prints a heading's UTF-16 title (/T) as raw bytes.
    String::from_utf8_lossy(&output.stdout).into_owned()
}
