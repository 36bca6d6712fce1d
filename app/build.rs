//! Generates the `i18n` module from `locales/en.json` and `locales/fr.json`.
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    // Messages with values in them (a date, a line number) are also wanted as plain text.
    let options = ParseOptions::new().interpolate_display(true);
    let infos = TranslationsInfos::parse(Config::new("en")?.add_locale("fr")?.parse_options(options))?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(out)?;
    Ok(())
}
