//! Renders eCOPRs and checks them with the same tools a person would use:
//! poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) and qpdf.
//! Needs `apt-get install -y poppler-utils qpdf`.

mod sample;

use sample::{bilingual, run, sample, write, LONG_NAME, URL};
use portal::ecopr::document::{render, DocumentError, EcoprFields, Signer};

/// Collapses every run of whitespace, line breaks included, into one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The extracted text between two labels.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} in {text}"))
        + start.len();
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("{end:?} in {text}"));
    &text[from..to]
}

fn pdfinfo_field(info: &str, key: &str) -> String {
    let line = info.lines().find(|line| line.starts_with(key)).unwrap();
    line[key.len()..].trim().to_owned()
}

#[test]
fn every_field_and_label_is_extractable_in_both_languages() {
    let pdf = write("text.pdf", &render(&sample()).unwrap());
    let pdf = pdf.to_str().unwrap();
    for text in [
        run("pdftotext", &["-layout", pdf, "-"]),
        run("pdftotext", &[pdf, "-"]),
    ] {
        // Bilingual texts may wrap by design (the title, the signature caption,
        // the name): a line break at a word boundary reads as a space, so the
        // checks compare text with whitespace normalised.
        let flat = squash(&text);
        for expected in [
            "Government of Canada / Gouvernement du Canada",
            "Confirmation of Permanent Residence / Confirmation de résidence permanente",
            "Name / Nom",
            "UCI / IUC",
            "1234-5678",
            "Date of birth / Date de naissance",
            "1990-03-14",
            "Sex / Sexe",
            "F (female) / F (féminin)",
            "Country of birth / Pays de naissance",
            "Citizenship / Citoyenneté",
            "Mexico / Mexique",
            "Date became a permanent resident / Date à laquelle la personne est devenue résident permanent",
            "2025-11-03",
            "Place / Lieu",
            "Toronto, Ontario / Toronto (Ontario)",
            "Document number / Numéro du document",
            "E123456789",
            "Date of issue / Date de délivrance",
            "2025-11-04",
            "Signature of the permanent resident / Signature du résident permanent",
            "This document is not a travel document. / Ce document n'est pas un titre de voyage.",
            "Verification code / Code de vérification",
            "7K3M-Q9TX-4HWD-2PRA",
            "Verify this document at / Vérifiez ce document à :",
            URL,
        ] {
            assert!(flat.contains(expected), "{expected:?} missing from:\n{text}");
        }
        // The name is wrapped onto two lines at this size: joined, the lines
        // between its label and the next one are the whole name.
        assert_eq!(
            squash(between(&text, "Name / Nom", "UCI / IUC")),
            LONG_NAME,
            "{text}"
        );
        for accented in ['Á', 'í', 'Ñ', 'ú'] {
            assert!(text.contains(accented), "{accented} lost in:\n{text}");
        }
    }
}

#[test]
fn is_a_tagged_pdf_with_language_structure_and_embedded_fonts() {
    let pdf = write("tagged.pdf", &render(&sample()).unwrap());
    let pdf = pdf.to_str().unwrap();

    let info = run("pdfinfo", &[pdf]);
    assert_eq!(pdfinfo_field(&info, "Tagged:"), "yes");
    assert_eq!(pdfinfo_field(&info, "Pages:"), "1");
    assert_eq!(pdfinfo_field(&info, "PDF version:"), "1.7");
    assert_eq!(
        pdfinfo_field(&info, "Title:"),
        "Confirmation of Permanent Residence / Confirmation de résidence permanente"
    );
    assert_eq!(
        pdfinfo_field(&info, "CreationDate:"),
        "Tue Nov  4 00:00:00 2025 UTC"
    );

    // The catalog, read through qpdf rather than by grepping the raw bytes,
    // which would depend on how the file happens to be serialised.
    let trailer = run("qpdf", &["--show-object=trailer", pdf]);
    let root = between(&trailer, "/Root ", " R")
        .split_whitespace()
        .collect::<Vec<_>>();
    let catalog = run(
        "qpdf",
        &[&format!("--show-object={},{}", root[0], root[1]), pdf],
    );
    for entry in [
        "/Lang (en-CA)",
        "/StructTreeRoot ",
        "/MarkInfo << /Marked true",
        "/ViewerPreferences << /DisplayDocTitle true >>",
        "/Metadata ",
        "/Outlines ",
    ] {
        assert!(
            catalog.contains(entry),
            "{entry:?} missing from catalog {catalog}"
        );
    }
    run("qpdf", &["--check", pdf]);
    // French runs carry their own language in their marked-content properties.
    let qdf = format!("{pdf}.qdf");
    run("qpdf", &["--qdf", "--object-streams=disable", pdf, &qdf]);
    let qdf = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).replace(' ', "");
    assert!(qdf.contains("/Lang(fr-CA)"));

    // Reading order of the structure tree, as poppler reads it.
    let tree = run("pdfinfo", &["-struct-text", pdf]);
    let top_level: Vec<_> = tree
        .lines()
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .map(|line| line.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(top_level, ["P", "H1", "L", "P", "P", "Sect"], "{tree}");
    for tag in ["LI", "Lbl", "LBody", "Link", "Figure", "/BBox"] {
        assert!(tree.contains(tag), "{tag} missing from {tree}");
    }
    assert_eq!(
        tree.matches("LI (block)").count(),
        10,
        "one list item per field"
    );

    let fonts = run("pdffonts", &[pdf]);
    let rows: Vec<_> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in rows {
        // Columns: name, type ("CID TrueType"), encoding, emb, sub, uni, object, generation.
        let columns: Vec<_> = row.split_whitespace().collect();
        assert!(columns[0].contains("+NotoSans-"), "{row}");
        assert_eq!(
            columns[4..7],
            ["yes", "yes", "yes"],
            "embedded, subset, unicode: {row}"
        );
    }
}

#[test]
fn qr_code_decodes_to_the_verification_url() {
    let pdf = write("qr.pdf", &render(&sample()).unwrap());
    let prefix = pdf.with_extension("");
    let prefix = prefix.to_str().unwrap();
    run(
        "pdftoppm",
        &[
            "-r",
            "200",
            "-png",
            "-singlefile",
            pdf.to_str().unwrap(),
            prefix,
        ],
    );
    let page = image::open(format!("{prefix}.png")).unwrap().to_luma8();
    let (width, height) = (page.width() as usize, page.height() as usize);
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        page.get_pixel(x as u32, y as u32)[0]
    });
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, URL);
}

#[test]
fn same_fields_give_the_same_bytes() {
    assert_eq!(render(&sample()).unwrap(), render(&sample()).unwrap());
    let other = EcoprFields {
        uci: "8765-4321".into(),
        ..sample()
    };
    assert_ne!(render(&sample()).unwrap(), render(&other).unwrap());
}

#[test]
fn a_child_document_is_signed_by_a_parent_or_guardian() {
    let child = EcoprFields {
        signer: Signer::ParentOrGuardian,
        ..sample()
    };
    let pdf = write("child.pdf", &render(&child).unwrap());
    let text = squash(&run("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    assert!(text.contains(
        "Signature of parent or guardian (the holder is under 14) / \
         Signature du parent ou tuteur (le titulaire a moins de 14 ans)"
    ));
    assert!(!text.contains("Signature of the permanent resident"));
    assert!(!text.contains("Signature du résident permanent"));
}

#[test]
fn equal_translations_are_printed_once() {
    let fields = EcoprFields {
        citizenship: bilingual("Canada", "Canada"),
        ..sample()
    };
    let pdf = write("once.pdf", &render(&fields).unwrap());
    let text = squash(&run("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    assert!(
        text.contains("Canada") && !text.contains("Canada / Canada"),
        "{text}"
    );
}

#[test]
fn text_that_does_not_fit_flows_onto_a_second_page() {
    let name = [LONG_NAME; 8].join(" ");
    let fields = EcoprFields {
        full_name: name.clone(),
        ..sample()
    };
    let pdf = write("long.pdf", &render(&fields).unwrap());
    let pdf = pdf.to_str().unwrap();
    assert_eq!(pdfinfo_field(&run("pdfinfo", &[pdf]), "Pages:"), "2");
    let first = run("pdftotext", &["-f", "1", "-l", "1", pdf, "-"]);
    assert_eq!(squash(between(&first, "Name / Nom", "UCI / IUC")), name);
    let second = squash(&run("pdftotext", &["-f", "2", "-l", "2", pdf, "-"]));
    assert!(
        second.contains("7K3M-Q9TX-4HWD-2PRA") && second.contains(URL),
        "{second}"
    );
}

#[test]
fn unusable_fields_are_errors() {
    let blank = EcoprFields {
        full_name: "  ".into(),
        ..sample()
    };
    assert!(matches!(
        render(&blank),
        Err(DocumentError::EmptyField("full_name"))
    ));
    let cjk = EcoprFields {
        full_name: "李小龍".into(),
        ..sample()
    };
    assert!(matches!(
        render(&cjk),
        Err(DocumentError::UnsupportedCharacter('李'))
    ));
    let huge = EcoprFields {
        full_name: [LONG_NAME; 60].join(" "),
        ..sample()
    };
    assert!(matches!(render(&huge), Err(DocumentError::TooLong)));
}
