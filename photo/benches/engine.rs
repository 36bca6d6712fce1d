//! Native timings of the photo engine, printed (a benchmark, not a test):
//! decoding a 2000 × 2800 JPEG alone, then the checks as they run (the same
//! decode and every check), and the face detection within them.
//!
//!     cargo bench -p photo --bench engine
use photo::{check_file, decode, decode_sample, DecodeLimits, FaceDetector};
use std::time::{Duration, Instant};

const RUNS: usize = 31;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(mut f: impl FnMut()) -> Duration {
    f();
    median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    // The compliant fixture at the largest size IRCC accepts.
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/astronaut_good.jpg");
    let small = image::open(fixture).expect("fixture").to_rgb8();
    let large = image::imageops::resize(&small, 2000, 2800, image::imageops::FilterType::Lanczos3);
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&large).expect("encode");

    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).expect("model");
    let decode_only = time(|| {
        decode(&jpeg, DecodeLimits::default()).expect("decodes");
    });
    let everything = time(|| {
        check_file(&jpeg, &mut detector);
    });
    let (_, sample) = decode_sample(&jpeg, DecodeLimits::default()).expect("decodes");
    let detection = time(|| {
        detector.detect(sample.grid());
    });
    let extra = everything.as_secs_f64() / decode_only.as_secs_f64() - 1.0;
    println!("2000×2800 JPEG ({} KB), median of {RUNS} runs:", jpeg.len() / 1024);
    println!("  decode only            {:>8.1} ms", decode_only.as_secs_f64() * 1e3);
    println!("  decode + all checks    {:>8.1} ms", everything.as_secs_f64() * 1e3);
    let (grid_w, grid_h) = sample.grid().dimensions();
    println!("    of which face detection {:>5.1} ms (on the {grid_w}×{grid_h} grid measured)", detection.as_secs_f64() * 1e3);
    println!("  checks add             {:>8.0} % to decoding", extra * 100.0);
}
