//! Native timings of the photo engine, printed (a benchmark, not a test):
//! decoding a 2000 × 2800 JPEG in full alone, then the checks as they run (a
//! reduced decode and every check), and the reduced decode and face detection
//! within them.
//!
//!     cargo bench -p photo --bench engine
use photo::{check_file, decode, decode_sample, DecodeLimits, FaceDetector};
use std::time::{Duration, Instant};

const RUNS: usize = 15;

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
    let reduced = time(|| {
        decode_sample(&jpeg, DecodeLimits::default()).expect("decodes");
    });
    let (_, sample) = decode_sample(&jpeg, DecodeLimits::default()).expect("decodes");
    let detection = time(|| {
        detector.detect(&sample.pixels);
    });
    let extra = everything.as_secs_f64() / decode_only.as_secs_f64() - 1.0;
    println!("2000×2800 JPEG ({} KB), median of {RUNS} runs:", jpeg.len() / 1024);
    println!("  decode only            {:>8.1} ms", decode_only.as_secs_f64() * 1e3);
    println!("  decode + all checks    {:>8.1} ms", everything.as_secs_f64() * 1e3);
    println!(
        "    of which the reduced decode ({}×{})  {:>5.1} ms",
        sample.pixels.width(),
        sample.pixels.height(),
        reduced.as_secs_f64() * 1e3
    );
    println!("  face detection alone   {:>8.1} ms", detection.as_secs_f64() * 1e3);
    println!("  checks add             {:>8.0} % to decoding", extra * 100.0);
}
