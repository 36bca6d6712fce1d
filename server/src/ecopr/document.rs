//! The electronic Confirmation of Permanent Residence (eCOPR) as a tagged
//! PDF/UA-1 PDF, written with krilla.
//!
//! This file says what is on the document and in which reading order; the
//! submodules measure and wrap text ([`layout`]), stack and draw it with its
//! tags ([`compose`]) and draw the QR code ([`qr`]).

mod compose;
mod layout;
mod qr;

use std::num::NonZeroU16;

use chrono::{Datelike, NaiveDate};
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::tagging::{ListNumbering, Tag};
use krilla::{Document, SerializeSettings};
use qrcode::types::QrError;

use compose::{Composer, Elem, MARGIN, WIDTH};
use layout::{Block, Run, Style};

/// A value shown in both official languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bilingual {
    pub en: String,
    pub fr: String,
}

/// Who signs the document: the holder if 14 or older on the date of issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signer {
    Holder,
    ParentOrGuardian,
}

/// What the eCOPR shows. Strings are printed as given (UCI and verification
/// code already grouped); dates are written YYYY-MM-DD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EcoprFields {
    pub full_name: String,
    pub uci: String,
    pub date_of_birth: NaiveDate,
    pub sex: Bilingual,
    pub country_of_birth: Bilingual,
    pub citizenship: Bilingual,
    pub became_pr_on: NaiveDate,
    pub place: Bilingual,
    pub document_number: String,
    pub issued_on: NaiveDate,
    pub signer: Signer,
    pub verification_code: String,
    /// The absolute URL that the QR code encodes.
    pub verification_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the field `{0}` is empty")]
    EmptyField(&'static str),
    #[error("the character {0:?} cannot be printed with the document's font")]
    UnsupportedCharacter(char),
    #[error("a block of text is taller than a whole page")]
    TooLong,
    #[error("the verification URL does not fit in a QR code: {0}")]
    Qr(#[from] QrError),
    #[error("writing the PDF failed: {0}")]
    Pdf(#[from] KrillaError),
}

const TITLE: &str = "Confirmation of Permanent Residence / Confirmation de résidence permanente";
const QR_ALT: &str = "QR code for verifying this document / Code QR pour vérifier ce document";
const LINK_ALT: &str = "Verify this document online / Vérifier ce document en ligne";
const LANG: &str = "en-CA";
const FRENCH: Option<&str> = Some("fr-CA");

const GUTTER: f32 = 18.0;
/// Side of the QR symbol, quiet zone not included: one inch.
const QR_SIDE: f32 = 72.0;

const AGENCY: Style = Style::bold(10.0);
const HEADING: Style = Style::bold(18.0);
const LABEL: Style = Style::regular(8.5, 0x4d);
const VALUE: Style = Style::regular(12.0, 0);
const NAME: Style = Style::bold(16.0);
const BODY: Style = Style::regular(9.5, 0);
const STATEMENT: Style = Style::bold(10.0);
const CODE: Style = Style::bold(18.0);

/// Renders `fields` as a one-page tagged PDF (two pages only if the text
/// needs them). The same fields always give the same bytes.
pub fn render(fields: &EcoprFields) -> Result<Vec<u8>, DocumentError> {
    check_filled(fields)?;
    let mut page = Composer::new();
    let mut structure = Vec::new();

    let agency = bilingual("Government of Canada", "Gouvernement du Canada");
    structure.push(Elem::group(
        Tag::P,
        page.paragraph(Block::new(AGENCY, WIDTH, &agency)?)?,
    ));
    page.skip(4.0);
    page.rule(1.5, 0x33)?;
    page.skip(16.0);
    let title = stacked(
        "Confirmation of Permanent Residence",
        "Confirmation de résidence permanente",
    );
    let title = page.paragraph(Block::new(HEADING, WIDTH, &title)?)?;
    structure.push(Elem::group(
        Tag::Hn(NonZeroU16::MIN, Some(TITLE.into())),
        title,
    ));
    page.skip(14.0);

    // Labels above values, in rows of up to three columns; tagged as a list
    // of Lbl/LBody items, so each value is read right after its label
    // whatever the columns.
    let date = |day: NaiveDate| day.format("%Y-%m-%d").to_string();
    let (birth, became, issued) = (
        date(fields.date_of_birth),
        date(fields.became_pr_on),
        date(fields.issued_on),
    );
    let field = |en, fr, value| (bilingual(en, fr), value);
    let rows = [
        vec![field("Name", "Nom", plain(&fields.full_name))],
        vec![
            field("UCI", "IUC", plain(&fields.uci)),
            field("Date of birth", "Date de naissance", plain(&birth)),
            field("Sex", "Sexe", both(&fields.sex)),
        ],
        vec![
            field(
                "Country of birth",
                "Pays de naissance",
                both(&fields.country_of_birth),
            ),
            field("Citizenship", "Citoyenneté", both(&fields.citizenship)),
        ],
        vec![field(
            "Date became a permanent resident",
            "Date à laquelle la personne est devenue résident permanent",
            plain(&became),
        )],
        vec![field("Place", "Lieu", both(&fields.place))],
        vec![
            field(
                "Document number",
                "Numéro du document",
                plain(&fields.document_number),
            ),
            field("Date of issue", "Date de délivrance", plain(&issued)),
        ],
    ];
    let mut items = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        items.extend(field_row(
            &mut page,
            row,
            if index == 0 { NAME } else { VALUE },
        )?);
    }
    structure.push(Elem::group(Tag::L(ListNumbering::None), items));

    let signer = match fields.signer {
        Signer::Holder => stacked(
            "Signature of the permanent resident",
            "Signature du résident permanent",
        ),
        Signer::ParentOrGuardian => stacked(
            "Signature of parent or guardian (the holder is under 14)",
            "Signature du parent ou tuteur (le titulaire a moins de 14 ans)",
        ),
    };
    structure.push(Elem::group(Tag::P, signature(&mut page, &signer)?));
    page.skip(14.0);
    let statement = bilingual(
        "This document is not a travel document.",
        "Ce document n'est pas un titre de voyage.",
    );
    let statement = page.paragraph(Block::new(STATEMENT, WIDTH, &statement)?)?;
    structure.push(Elem::group(Tag::P, statement));
    page.skip(18.0);
    structure.push(verification(&mut page, fields)?);

    let mut document = Document::new_with(settings());
    document.set_metadata(metadata(fields));
    // PDF/UA wants an outline; one entry, the title, is all there is to navigate.
    let mut outline = Outline::new();
    let top = XyzDestination::new(0, Point::from_xy(0.0, 0.0));
    outline.push_child(OutlineNode::new(TITLE.into(), top));
    document.set_outline(outline);
    let tree = page.draw(&mut document, structure, LANG)?;
    document.set_tag_tree(tree);
    Ok(document.finish()?)
}

/// A document with a blank name or number is no confirmation of anything.
fn check_filled(fields: &EcoprFields) -> Result<(), DocumentError> {
    let text = [
        ("full_name", &fields.full_name),
        ("uci", &fields.uci),
        ("sex.en", &fields.sex.en),
        ("sex.fr", &fields.sex.fr),
        ("country_of_birth.en", &fields.country_of_birth.en),
        ("country_of_birth.fr", &fields.country_of_birth.fr),
        ("citizenship.en", &fields.citizenship.en),
        ("citizenship.fr", &fields.citizenship.fr),
        ("place.en", &fields.place.en),
        ("place.fr", &fields.place.fr),
        ("document_number", &fields.document_number),
        ("verification_code", &fields.verification_code),
        ("verification_url", &fields.verification_url),
    ];
    match text.iter().find(|(_, value)| value.trim().is_empty()) {
        Some((name, _)) => Err(DocumentError::EmptyField(name)),
        None => Ok(()),
    }
}

/// PDF/UA-1 makes krilla check what a program can (see NOTES.md) and set
/// DisplayDocTitle; it also turns tagging on.
fn settings() -> SerializeSettings {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .expect("PDF/UA-1 alone is a valid configuration");
    SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    }
}

/// The creation date is the date of issue at midnight UTC, not the clock, so
/// that the same fields always give the same bytes.
fn metadata(fields: &EcoprFields) -> Metadata {
    let day = fields.issued_on;
    let created = DateTime::new(day.year().clamp(0, 9999) as u16)
        .month(day.month() as u8)
        .day(day.day() as u8)
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    Metadata::new()
        .title(TITLE.into())
        .language(LANG.into())
        .creator(concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION")).into())
        .producer("krilla 0.8".into())
        .document_id(fields.document_number.clone())
        .creation_date(created)
}

/// English, then French marked as such so that a screen reader switches
/// voice, joined by a slash.
fn bilingual<'a>(en: &'a str, fr: &'a str) -> [Run<'a>; 3] {
    [
        Run::new(en, None),
        Run::new("/", None),
        Run::new(fr, FRENCH),
    ]
}

/// Like [`bilingual`], with French on a line of its own.
fn stacked<'a>(en: &'a str, fr: &'a str) -> [Run<'a>; 3] {
    let [en, slash, fr] = bilingual(en, fr);
    [en, slash, fr.on_new_line()]
}

/// A value in both languages, printed once when both are the same.
fn both(value: &Bilingual) -> Vec<Run<'_>> {
    if value.en == value.fr {
        plain(&value.en)
    } else {
        bilingual(&value.en, &value.fr).to_vec()
    }
}

/// Language-neutral text: names, numbers, dates.
fn plain(text: &str) -> Vec<Run<'_>> {
    vec![Run::new(text, None)]
}

/// A row of labelled values side by side, the values lined up under the
/// tallest label. Returns one list item per field.
fn field_row(
    page: &mut Composer,
    row: &[([Run; 3], Vec<Run>)],
    value_style: Style,
) -> Result<Vec<Elem>, DocumentError> {
    let columns = row.len() as f32;
    let width = (WIDTH - GUTTER * (columns - 1.0)) / columns;
    let mut blocks = Vec::new();
    for (label, value) in row {
        blocks.push((
            Block::new(LABEL, width, label)?,
            Block::new(value_style, width, value)?,
        ));
    }
    let label_height = blocks
        .iter()
        .map(|(label, _)| label.height())
        .fold(0.0, f32::max)
        + 2.0;
    let value_height = blocks
        .iter()
        .map(|(_, value)| value.height())
        .fold(0.0, f32::max);
    let top = page.reserve(label_height + value_height + 12.0)?;
    let mut items = Vec::new();
    for (index, (label, value)) in blocks.into_iter().enumerate() {
        let x = MARGIN + index as f32 * (width + GUTTER);
        let label = Elem::group(Tag::Lbl, page.place(label, x, top));
        let value = Elem::group(Tag::LBody, page.place(value, x, top + label_height));
        items.push(Elem::group(Tag::LI, vec![label, value]));
    }
    Ok(items)
}

/// Room to sign, the signature line (an artifact) and its caption.
fn signature(page: &mut Composer, caption: &[Run]) -> Result<Vec<Elem>, DocumentError> {
    const ROOM: f32 = 48.0;
    const LINE: f32 = WIDTH * 2.0 / 3.0;
    let caption = Block::new(BODY, LINE, caption)?;
    let top = page.reserve(ROOM + 4.0 + caption.height())?;
    page.draw_rule(Rect::from_xywh(MARGIN, top + ROOM, LINE, 0.75), 0);
    Ok(page.place(caption, MARGIN, top + ROOM + 4.0))
}

/// A rule, then the verification code and where to verify it on the left,
/// and the QR code on the right.
fn verification(page: &mut Composer, fields: &EcoprFields) -> Result<Elem, DocumentError> {
    const RULE_GAP: f32 = 18.0;
    let code = qr::encode(&fields.verification_url)?;
    let module = QR_SIDE / code.width() as f32;
    let quiet = qr::QUIET_ZONE as f32 * module;
    let qr_box = QR_SIDE + 2.0 * quiet;
    let text_width = WIDTH - qr_box - GUTTER;
    let block = |style, runs: &[Run]| Block::new(style, text_width, runs);
    let label = block(
        LABEL,
        &bilingual("Verification code", "Code de vérification"),
    )?;
    let value = block(CODE, &plain(&fields.verification_code))?;
    let verify = block(
        BODY,
        &bilingual("Verify this document at", "Vérifiez ce document à :"),
    )?;
    let url = block(BODY, &plain(&fields.verification_url))?;
    // Offsets from the top of the section, down the text column.
    let value_top = RULE_GAP + label.height();
    let verify_top = value_top + value.height() + 8.0;
    let url_top = verify_top + verify.height();
    let top = page.reserve((url_top + url.height()).max(RULE_GAP + QR_SIDE + quiet))?;

    page.draw_rule(Rect::from_xywh(MARGIN, top, WIDTH, 0.5), 0x99);
    let mut code_text = page.place(label, MARGIN, top + RULE_GAP);
    code_text.extend(page.place(value, MARGIN, top + value_top));
    let mut verify_text = page.place(verify, MARGIN, top + verify_top);
    // The URL is a link too, so that a reader of the file can just open it.
    verify_text.push(page.link(url, top + url_top, &fields.verification_url, LINK_ALT));

    // The symbol's top lines up with the text; its quiet zone is blank page.
    let (x, y) = (MARGIN + WIDTH - qr_box, top + RULE_GAP - quiet);
    let path = qr::path(&code, x + quiet, y + quiet, module).expect("a QR code has dark modules");
    let figure = page.figure(path, Rect::from_xywh(x, y, qr_box, qr_box), QR_ALT);

    let section = vec![
        Elem::group(Tag::P, code_text),
        Elem::group(Tag::P, verify_text),
        figure,
    ];
    Ok(Elem::group(Tag::Section, section))
}
