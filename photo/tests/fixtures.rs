#![cfg(not(target_arch = "wasm32"))]
//! Every labelled defect is caught and every compliant photo passes.
use photo::{check_file, CheckId, FaceDetector, Report, Sending, Status};
use std::collections::BTreeMap;
use std::path::Path;

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

fn id(name: &str) -> CheckId {
    match name {
        "face_count" => CheckId::FaceCount,
        "head_size" => CheckId::HeadSize,
        "centring" => CheckId::Centring,
        "brightness" => CheckId::Brightness,
        "glare" => CheckId::Glare,
        "sharpness" => CheckId::Sharpness,
        other => panic!("unknown label {other}"),
    }
}

fn check(detector: &mut FaceDetector, file: &str) -> Report {
    let bytes = std::fs::read(fixtures().join(file)).expect("fixture");
    check_file(&bytes, detector)
}

#[test]
fn every_labelled_check_gets_its_label() {
    let labels: BTreeMap<String, BTreeMap<String, String>> =
        serde_json::from_slice(&std::fs::read(fixtures().join("labels.json")).unwrap()).unwrap();
    assert_eq!(labels.len(), 24);
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap();
    let mut wrong = Vec::new();
    for (file, expected) in &labels {
        let report = check(&mut detector, file);
        for (name, label) in expected {
            let status = report.get(id(name)).map(|c| c.status);
            let want = if label == "fail" { Status::Fail } else { Status::Pass };
            if status != Some(want) {
                wrong.push(format!("{file}: {name} is {status:?}, labelled {label}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_compliant_photo_passes_every_check() {
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap();
    let report = check(&mut detector, "astronaut_good.jpg");
    let failing: Vec<_> = report.checks.iter().filter(|c| c.status != Status::Pass).collect();
    assert!(failing.is_empty(), "{failing:?}");
    assert_eq!(report.verdict, photo::Verdict::Pass);
    assert_eq!(report.checks.len(), 10, "every check is reported");
}

#[test]
fn without_one_face_the_face_checks_are_skipped_not_passed() {
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap();
    for file in ["astronaut_no_face.jpg", "hopper_two_faces.jpg"] {
        let report = check(&mut detector, file);
        assert_eq!(report.get(CheckId::FaceCount).unwrap().status, Status::Fail);
        for id in [CheckId::HeadSize, CheckId::Centring, CheckId::Brightness, CheckId::Glare, CheckId::Sharpness] {
            assert_eq!(report.get(id).unwrap().status, Status::Skipped, "{file} {id:?}");
        }
    }
}

#[test]
fn glare_is_located() {
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap();
    let report = check(&mut detector, "astronaut_glare_cheek.jpg");
    let (x, y) = report.get(CheckId::Glare).unwrap().at.expect("a location");
    // The spot is on the left cheek (the viewer's left), below the eyes.
    assert!((230..350).contains(&x) && (300..420).contains(&y), "({x}, {y})");
}

#[test]
fn the_proposed_crop_of_a_wide_photo_passes_every_check() {
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap();
    // A photo with room around a head that is too small: the small-head fixture at twice the size.
    let small = image::open(fixtures().join("astronaut_small_head.jpg")).unwrap().to_rgb8();
    let wide = image::imageops::resize(&small, 1430, 2002, image::imageops::FilterType::Lanczos3);
    let mut source = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut source, 92).encode_image(&wide).unwrap();

    let inspection = photo::inspect_file(&source, &mut detector);
    assert_eq!(inspection.report.get(CheckId::HeadSize).unwrap().status, Status::Fail);
    let crop = photo::propose_crop(inspection.head.expect("a head"), 1430, 2002);
    let (_, full) = photo::decode(&source, photo::DecodeLimits::default()).unwrap();
    let cropped = photo::apply_crop(&full, crop).expect("large enough");
    let jpeg = photo::encode_jpeg(&cropped);
    let report = check_file(&jpeg, &mut detector);
    let failing: Vec<_> = report.checks.iter().filter(|c| c.status != Status::Pass).collect();
    assert!(failing.is_empty(), "{failing:?}");
}

#[test]
fn inspections_read_back_from_json_are_the_same() {
    // The browser's worker sends its inspections to the page as JSON.
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap();
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "jpg"))
        .map(|path| std::fs::read(path).unwrap())
        .collect();
    files.extend([b"GIF89a".to_vec(), b"\xFF\xD8\xFF\xE0 truncated".to_vec()]);
    for bytes in files {
        let inspection = photo::inspect_file(&bytes, &mut detector);
        let json = serde_json::to_string(&inspection).unwrap();
        assert_eq!(serde_json::from_str::<photo::Inspection>(&json).unwrap(), inspection, "{json}");
    }
}

#[test]
fn only_a_failed_judgement_can_be_sent_anyway() {
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).unwrap();
    for (file, sending) in [
        ("astronaut_good.jpg", Sending::Allowed),
        ("astronaut_glare_cheek.jpg", Sending::IfConfirmed),
        ("hopper_blur.jpg", Sending::IfConfirmed),
        ("astronaut_two_faces.jpg", Sending::Refused),
        ("hopper_no_face.jpg", Sending::Refused),
    ] {
        assert_eq!(check(&mut detector, file).sending(), sending, "{file}");
    }
    assert_eq!(check_file(b"GIF89a", &mut detector).sending(), Sending::Refused);
}
