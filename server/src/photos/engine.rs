//! The server's own check of a photo, by the same engine the browser ran, and
//! the clean copy that is kept when the shared rule (`Report::sending`) allows.
use crate::error::DeskError;
use app::error::AppError;
use axum::body::Bytes;
use photo::{FaceDetector, Report, Sending};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// Decoding and detection take tens of milliseconds of CPU and tens of
/// megabytes: off the async threads, and no more at once than there are cores.
static CHECKS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, usize::from)));

pub enum Checked {
    Kept { report: Report, clean: Clean },
    NotSent(Report),
}

/// What is kept: re-encoded from the pixels, so no metadata (GPS included) survives.
pub struct Clean {
    pub jpeg: Vec<u8>,
    pub width: i32,
    pub height: i32,
    pub sent_anyway: bool,
}

pub async fn check(bytes: Bytes, anyway: bool) -> Result<Checked, DeskError> {
    let _turn = CHECKS.acquire().await.map_err(|_| AppError::Unavailable)?;
    tokio::task::spawn_blocking(move || check_now(&bytes, anyway))
        .await
        .map_err(|_| DeskError::Invariant("the photo check stopped"))?
}

fn check_now(bytes: &[u8], anyway: bool) -> Result<Checked, DeskError> {
    let mut detector =
        FaceDetector::from_model_bytes(photo::FACE_MODEL).map_err(|_| DeskError::Invariant("the face model does not load"))?;
    let report = photo::check_file(bytes, &mut detector);
    let sent_anyway = match report.sending() {
        Sending::Allowed => false,
        Sending::IfConfirmed if anyway => true,
        Sending::IfConfirmed | Sending::Refused => return Ok(Checked::NotSent(report)),
    };
    // The checks read a reduced copy; what is kept is the whole photo.
    let Ok((_, image)) = photo::decode(bytes, photo::DecodeLimits::default()) else {
        return Ok(Checked::NotSent(report));
    };
    let (width, height) = image.dimensions();
    let size = |side: u32| i32::try_from(side).map_err(|_| DeskError::Invariant("a decoded photo is wider than i32"));
    let clean = Clean { jpeg: photo::encode_jpeg(&image), width: size(width)?, height: size(height)?, sent_anyway };
    Ok(Checked::Kept { report, clean })
}
