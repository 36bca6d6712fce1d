//! What officers send and get back when they bring cases in by hand or by file.
use super::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseOutcome {
    /// Stored, and the principal invited.
    Created { application_number: String },
    /// Already stored; nothing was changed.
    AlreadyKnown { application_number: String },
    Invalid(Vec<FieldError>),
}

/// What became of each row of an imported file. A case is stored whole or not
/// at all: one bad row rejects its whole application.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub rows: Vec<ImportedRow>,
    /// The file itself could not be read: nothing was imported.
    pub unreadable: Option<Unreadable>,
}

/// Why a whole file was refused, said to the officer in their language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unreadable {
    /// The first line is not a header of comma-separated names.
    NoHeader,
    /// Columns the file must have and does not, as named in the header.
    MissingColumns(Vec<String>),
    /// A line that is not CSV, or has a different number of fields than the header.
    BadLine(u32),
    /// More rows than one import takes.
    TooManyRows(usize),
    NoRows,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedRow {
    /// The line in the file (the header is line 1).
    pub line: u32,
    pub application_number: String,
    pub name: String,
    pub result: RowResult,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowResult {
    Imported,
    AlreadyKnown,
    /// Its own field errors (field names as in the file's header), or, when empty,
    /// rejected because another row of the same application was.
    Rejected(Vec<FieldError>),
}
