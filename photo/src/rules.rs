//! IRCC's numbers for a PR card photo (see SPEC.md, "Photo rules"), and the
//! thresholds of the measured checks, calibrated on the labelled fixtures.

/// At most 4 MB.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
pub const MIN_WIDTH: u32 = 715;
pub const MIN_HEIGHT: u32 = 1000;
pub const MAX_WIDTH: u32 = 2000;
pub const MAX_HEIGHT: u32 = 2800;
/// Width over height of the 50 mm × 70 mm print.
pub const ASPECT: f64 = 5.0 / 7.0;
pub const ASPECT_TOLERANCE: f64 = 0.01;
/// Chin to crown: 31–36 mm of 70 mm.
pub const HEAD_MIN: f64 = 0.44;
pub const HEAD_MAX: f64 = 0.51;
/// How far the face's centre may sit from the middle, as a share of the width.
pub const CENTRING_TOLERANCE: f64 = 0.07;
/// The brighter of the skin's bright end and the background must reach this
/// (linear light): a dark skin before a light background passes, a dark photo does not.
pub const MIN_EXPOSURE: f64 = 0.2;
/// More clipped skin than this, or a median above the next number, is over-exposed.
pub const MAX_CLIPPED_SKIN: f64 = 0.10;
pub const MAX_FACE_MEDIAN: f64 = 0.85;
/// The largest reflection, as a share of the face area.
pub const MAX_GLARE_SPOT: f64 = 0.008;
/// Variance of the Laplacian on the normalised skin.
pub const MIN_SHARPNESS: f64 = 20.0;
/// Background: light (linear median) and plain (standard deviation of grey).
pub const MIN_BACKGROUND_LIGHTNESS: f64 = 0.25;
pub const MAX_BACKGROUND_VARIATION: f64 = 20.0;
