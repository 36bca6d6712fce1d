//! PR card photo checks: one engine for the browser (compiled to wasm32, before
//! upload) and the server (the re-check, and `portal photo-check`).
//!
//! Every entry point returns a [`Report`]; nothing here panics on any input.
mod crop;
mod decode;
mod face;
mod grid;
mod measure;
mod report;
mod resize;
pub mod rules;

pub use crop::{apply_crop, encode_jpeg, propose_crop, Crop, CropError, CROWN_MARGIN, HEAD_SHARE};
pub use decode::{decode, decode_sample, reduction_for, sniff, DecodeError, DecodeLimits, Format, Sample};
pub use face::{Face, FaceDetector, ModelError};
pub use grid::Grid;
pub use report::{Check, CheckId, Report, Sending, Status, Value, Verdict};
/// The image types of the API, for callers that keep decoded photos.
pub use image;

/// Where the server serves the face model.
pub const FACE_MODEL_PATH: &str = "/models/seeta_fd_frontal_v1.0.bin";

use image::RgbImage;
use measure::Area;
use report::Status::{Fail, Pass};

/// The SeetaFace model, for native builds; the browser fetches the same file
/// (served at [`FACE_MODEL_PATH`]) so that it is not in the WebAssembly.
#[cfg(not(target_arch = "wasm32"))]
pub const FACE_MODEL: &[u8] = include_bytes!("../model/seeta_fd_frontal_v1.0.bin");

/// Checks a file as uploaded: its format, size and dimensions, then its pixels.
pub fn check_file(bytes: &[u8], detector: &mut FaceDetector) -> Report {
    inspect_file(bytes, detector).report
}

/// A file's report, with the photo's size and what was found in it when it could
/// be decoded; the browser's worker sends it to the page as JSON.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Inspection {
    pub report: Report,
    /// Width and height, once oriented.
    pub size: Option<(u32, u32)>,
    pub head: Option<Head>,
}

pub fn inspect_file(bytes: &[u8], detector: &mut FaceDetector) -> Inspection {
    let size = Check::new(CheckId::FileSize, if bytes.len() <= rules::MAX_FILE_BYTES { Pass } else { Fail })
        .number(bytes.len() as f64)
        .limit(format!("≤ {}", rules::MAX_FILE_BYTES));
    match decode_sample(bytes, DecodeLimits::default()) {
        Ok((format, sample)) => {
            let mut checks = vec![Check::new(CheckId::Format, Pass).value(Value::Text(format_name(format))), size];
            let analysis = analyse(&sample, detector);
            checks.extend(analysis.checks);
            Inspection {
                report: Report::new(checks),
                size: Some((sample.width, sample.height)),
                head: analysis.head,
            }
        }
        Err(error) => {
            let reason = match error {
                DecodeError::UnsupportedFormat => "unsupported",
                DecodeError::TooLarge => "too_large",
                DecodeError::Corrupt => "corrupt",
            };
            let mut checks = vec![Check::new(CheckId::Format, Fail).reason(reason).limit("JPEG or PNG"), size];
            checks.extend(PIXEL_CHECKS.iter().map(|&id| Check::skipped(id)));
            Inspection { report: Report::new(checks), size: None, head: None }
        }
    }
}

const PIXEL_CHECKS: [CheckId; 8] = [
    CheckId::Dimensions,
    CheckId::FaceCount,
    CheckId::HeadSize,
    CheckId::Centring,
    CheckId::Brightness,
    CheckId::Glare,
    CheckId::Sharpness,
    CheckId::Background,
];

fn format_name(format: Format) -> String {
    match format {
        Format::Jpeg => "JPEG".into(),
        Format::Png => "PNG".into(),
    }
}

/// Checks decoded pixels: dimensions, then everything measured around the face.
pub fn check_image(image: RgbImage, detector: &mut FaceDetector) -> Vec<Check> {
    analyse(&Sample::new(image), detector).checks
}

/// The checks of [`check_image`], with the face and head they were measured on
/// (for the crop tool and for marking problems on the photo), in the photo's pixels.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub checks: Vec<Check>,
    pub face: Option<Face>,
    pub head: Option<Head>,
}

/// The head's extent, top to bottom, in the photo's pixels.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Head {
    pub crown: f32,
    pub chin: f32,
    pub centre_x: f32,
}

/// Measures the sample on its grid; the photo's own size is judged from the sample.
pub fn analyse(sample: &Sample, detector: &mut FaceDetector) -> Analysis {
    let grid = sample.grid();
    let mut checks = vec![dimensions(sample.width, sample.height)];
    let faces = detector.detect(grid);
    let mut face_count = Check::new(CheckId::FaceCount, if faces.len() == 1 { Pass } else { Fail })
        .number(faces.len() as f64)
        .limit("1");
    face_count.reason = match faces.len() {
        0 => Some("none"),
        1 => None,
        _ => Some("several"),
    };
    checks.push(face_count);
    let face = match faces.as_slice() {
        [face] => Some(*face),
        _ => None,
    };
    let head = face.map(|face| head(grid, &face));
    match face.zip(head).and_then(|(face, head)| measured(grid, &face, head)) {
        Some(measured) => checks.extend(measured),
        None => checks.extend(PIXEL_CHECKS[2..].iter().map(|&id| Check::skipped(id))),
    }
    let r = sample.reduction;
    for check in &mut checks {
        check.at = check.at.map(|(x, y)| (x * r, y * r));
    }
    let r = r as f32;
    Analysis {
        checks,
        face: face.map(|f| Face { x: f.x * r, y: f.y * r, width: f.width * r, height: f.height * r, ..f }),
        head: head.map(|h| Head { crown: h.crown * r, chin: h.chin * r, centre_x: h.centre_x * r }),
    }
}

/// Chin: the detector's box ends just below it. Crown: found against the
/// background, or (before a busy background) estimated from the box.
fn head(grid: Grid, face: &Face) -> Head {
    let chin = face.y + 0.94 * face.height;
    let crown = measure::crown(grid, face).unwrap_or(chin - 1.47 * face.height);
    Head { crown, chin, centre_x: face.centre_x() }
}

fn dimensions(w: u32, h: u32) -> Check {
    let aspect = f64::from(w) / f64::from(h);
    let shape_ok = (aspect / rules::ASPECT - 1.0).abs() <= rules::ASPECT_TOLERANCE;
    let size = (rules::MIN_WIDTH..=rules::MAX_WIDTH).contains(&w) && (rules::MIN_HEIGHT..=rules::MAX_HEIGHT).contains(&h);
    let reason = if w < rules::MIN_WIDTH || h < rules::MIN_HEIGHT {
        Some("too_small")
    } else if !size {
        Some("too_large")
    } else if !shape_ok {
        Some("shape")
    } else {
        None
    };
    let mut check = Check::new(CheckId::Dimensions, if reason.is_none() { Pass } else { Fail })
        .value(Value::Text(format!("{w}×{h}")))
        .limit(format!(
            "{}×{} to {}×{}, 5:7",
            rules::MIN_WIDTH,
            rules::MIN_HEIGHT,
            rules::MAX_WIDTH,
            rules::MAX_HEIGHT
        ));
    check.reason = reason;
    check
}

/// The checks that need exactly one face; `None` if the face is too close to the
/// edge to measure.
fn measured(grid: Grid, face: &Face, head: Head) -> Option<Vec<Check>> {
    let (w, h) = grid.dimensions();
    let (w, h) = (f64::from(w), f64::from(h));
    let skin = measure::skin_area(grid, face)?;
    let background_areas = measure::background_areas(grid);

    let head = f64::from(head.chin - head.crown) / h;
    let mut head_check = Check::new(CheckId::HeadSize, if (rules::HEAD_MIN..=rules::HEAD_MAX).contains(&head) { Pass } else { Fail })
        .number(head)
        .limit(format!("{}–{}", rules::HEAD_MIN, rules::HEAD_MAX));
    if head < rules::HEAD_MIN {
        head_check.reason = Some("too_small");
    } else if head > rules::HEAD_MAX {
        head_check.reason = Some("too_large");
    }

    let offset = f64::from(face.centre_x()) / w - 0.5;
    let centring = Check::new(CheckId::Centring, if offset.abs() <= rules::CENTRING_TOLERANCE { Pass } else { Fail })
        .number(offset)
        .limit(format!("±{}", rules::CENTRING_TOLERANCE));

    let background = measure::background(grid, &background_areas);
    let exposure = measure::exposure(grid, skin);
    let reference = f64::from(exposure.face_high.max(background.lightness));
    let (brightness_status, brightness_reason) = if reference < rules::MIN_EXPOSURE {
        (Fail, Some("too_dark"))
    } else if f64::from(exposure.face_clipped) > rules::MAX_CLIPPED_SKIN
        || f64::from(exposure.face_median) > rules::MAX_FACE_MEDIAN
    {
        (Fail, Some("too_bright"))
    } else {
        (Pass, None)
    };
    let mut brightness = Check::new(CheckId::Brightness, brightness_status)
        .number(f64::from(exposure.face_median))
        .limit(format!("exposure ≥ {}, clipped skin ≤ {}", rules::MIN_EXPOSURE, rules::MAX_CLIPPED_SKIN));
    brightness.reason = brightness_reason;

    let glare = measure::glare_area(grid, face).map(|area: Area| measure::glare(grid, face, area, exposure.face_median));
    let glare_check = match glare {
        Some(g) => {
            let mut check = Check::new(CheckId::Glare, if f64::from(g.largest_spot) <= rules::MAX_GLARE_SPOT { Pass } else { Fail })
                .number(f64::from(g.largest_spot))
                .limit(format!("≤ {}", rules::MAX_GLARE_SPOT));
            if check.status == Fail {
                check.at = g.at;
            }
            check
        }
        None => Check::skipped(CheckId::Glare),
    };

    let sharpness = f64::from(measure::sharpness(grid, skin));
    let sharpness_check = Check::new(CheckId::Sharpness, if sharpness >= rules::MIN_SHARPNESS { Pass } else { Fail })
        .number(sharpness)
        .limit(format!("≥ {}", rules::MIN_SHARPNESS));

    let (background_status, background_reason) = if f64::from(background.lightness) < rules::MIN_BACKGROUND_LIGHTNESS {
        (Fail, Some("dark"))
    } else if f64::from(background.variation) > rules::MAX_BACKGROUND_VARIATION {
        (Fail, Some("busy"))
    } else {
        (Pass, None)
    };
    let mut background_check = Check::new(CheckId::Background, background_status)
        .number(f64::from(background.lightness))
        .limit(format!(
            "lightness ≥ {}, variation ≤ {}",
            rules::MIN_BACKGROUND_LIGHTNESS,
            rules::MAX_BACKGROUND_VARIATION
        ));
    background_check.reason = background_reason;

    Some(vec![head_check, centring, brightness, glare_check, sharpness_check, background_check])
}
