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

#[test]
fn the_largest_photos_ircc_accepts_get_the_labels_of_their_fixtures() {
    let labels: BTreeMap<String, BTreeMap<String, String>> =
        serde_json::from_slice(&std::fs::read(fixtures().join("labels.json")).unwrap()).unwrap();
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap();
    let mut wrong = Vec::new();
    for file in ["astronaut_good.jpg", "astronaut_glare_cheek.jpg", "astronaut_blur.jpg", "astronaut_dark.jpg", "astronaut_small_head.jpg", "hopper_glare_forehead.jpg", "hopper_two_faces.jpg"] {
        let bytes = jpeg(&enlarged(file, 2000, 2800), None);
        let (_, sample) = decode_sample(&bytes, DecodeLimits::default()).unwrap();
        assert_eq!((sample.reduction, sample.pixels.dimensions()), (2, (1000, 1400)));
        let report = check_file(&bytes, &mut detector);
        for (name, label) in &labels[file] {
            let check = report.checks.iter().find(|c| c.id.as_str() == name).unwrap();
            let want = if label == "fail" { Status::Fail } else { Status::Pass };
            if check.status != want {
                wrong.push(format!("{file} at 2000×2800: {name} is {:?}, labelled {label}", check.status));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_exif_orientation_is_applied_to_the_reduced_copy() {
    // Stored on its side, with EXIF orientation 6: turn 90° clockwise to view.
    let upright = enlarged("astronaut_good.jpg", 2000, 2800);
    let stored = imageops::rotate270(&upright);
    let exif = vec![
        b'I', b'I', 42, 0, 8, 0, 0, 0, // TIFF header, little-endian, first IFD at 8
        1, 0, // one entry
        0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, // Orientation (SHORT) = 6
        0, 0, 0, 0, // no next IFD
    ];
    let bytes = jpeg(&stored, Some(exif));
    let (_, sample) = decode_sample(&bytes, DecodeLimits::default()).unwrap();
    assert_eq!((sample.width, sample.height, sample.pixels.dimensions()), (2000, 2800, (1000, 1400)));
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap();
    let report = check_file(&bytes, &mut detector);
    assert_eq!(report.get(CheckId::Dimensions).unwrap().status, Status::Pass);
    let failing: Vec<_> = report.checks.iter().filter(|c| c.status != Status::Pass).collect();
    assert!(failing.is_empty(), "{failing:?}");
}
