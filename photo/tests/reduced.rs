#![cfg(not(target_arch = "wasm32"))]
//! Photos larger than the smallest IRCC accepts are measured on a reduced copy
//! (halved after decoding, or reduced while decoding): the verdicts must not depend on it.
use image::{imageops, ImageEncoder, RgbImage};
use photo::{check_file, decode_sample, CheckId, DecodeLimits, FaceDetector, Status};
use std::collections::BTreeMap;
use std::path::Path;

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

fn enlarged(file: &str, width: u32, height: u32) -> RgbImage {
    let small = image::open(fixtures().join(file)).unwrap().to_rgb8();
    imageops::resize(&small, width, height, imageops::FilterType::Triangle)
}

fn jpeg(image: &RgbImage, exif: Option<Vec<u8>>) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90);
    if let Some(exif) = exif {
        encoder.set_exif_metadata(exif).unwrap();
    }
    encoder.write_image(image.as_raw(), image.width(), image.height(), image::ExtendedColorType::Rgb8).unwrap();
    bytes
}

/// Every fixture, enlarged to `width` × `height`, gets its labels; the checks
/// measure it on a grid `grid_width` points wide.
fn labels_hold_at(width: u32, height: u32, grid_width: u32) {
    let labels: BTreeMap<String, BTreeMap<String, String>> =
        serde_json::from_slice(&std::fs::read(fixtures().join("labels.json")).unwrap()).unwrap();
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap();
    let mut wrong = Vec::new();
    for (file, expected) in &labels {
        let bytes = jpeg(&enlarged(file, width, height), None);
        let (_, sample) = decode_sample(&bytes, DecodeLimits::default()).unwrap();
        assert_eq!(sample.grid().dimensions().0, grid_width);
        let report = check_file(&bytes, &mut detector);
        for (name, label) in expected {
            let check = report.checks.iter().find(|c| c.id.as_str() == name).unwrap();
            let want = if label == "fail" { Status::Fail } else { Status::Pass };
            if check.status != want {
                wrong.push(format!("{file} at {width}×{height}: {name} is {:?}, labelled {label}", check.status));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn labels_hold_at_1000_wide_measured_in_full() {
    labels_hold_at(1000, 1400, 1000);
}

#[test]
fn labels_hold_at_1430_wide_halved() {
    labels_hold_at(1430, 2002, 715);
}

#[test]
fn labels_hold_at_1700_wide_halved() {
    labels_hold_at(1700, 2380, 850);
}

#[test]
fn labels_hold_at_the_largest_size_ircc_accepts() {
    labels_hold_at(2000, 2800, 1000);
}

#[test]
fn the_exif_orientation_is_applied_whether_the_photo_is_reduced_after_or_while_decoding() {
    let exif = vec![
        b'I', b'I', 42, 0, 8, 0, 0, 0, // TIFF header, little-endian, first IFD at 8
        1, 0, // one entry
        0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, // Orientation (SHORT) = 6
        0, 0, 0, 0, // no next IFD
    ];
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap();
    // Halved after a full decode; reduced by 4 while decoding (too large for IRCC).
    for (width, height, grid, dimensions) in [(2000, 2800, (1000, 1400), Status::Pass), (3000, 4200, (750, 1050), Status::Fail)] {
        // Stored on its side, with EXIF orientation 6: turn 90° clockwise to view.
        let stored = imageops::rotate270(&enlarged("astronaut_good.jpg", width, height));
        let bytes = jpeg(&stored, Some(exif.clone()));
        let (_, sample) = decode_sample(&bytes, DecodeLimits::default()).unwrap();
        assert_eq!((sample.width, sample.height, sample.grid().dimensions()), (width, height, grid));
        let report = check_file(&bytes, &mut detector);
        assert_eq!(report.get(CheckId::Dimensions).unwrap().status, dimensions);
        let failing: Vec<_> =
            report.checks.iter().filter(|c| c.id != CheckId::Dimensions && c.status != Status::Pass).collect();
        assert!(failing.is_empty(), "{width}×{height}: {failing:?}");
    }
}
