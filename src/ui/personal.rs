//! The п.7 personal-data step: the fields of the registry concerned, the
//! photo's import and crop view with the face guide, the signature pad.

use std::path::Path;

use eframe::egui;

use super::desk::DeskContext;
use super::widgets::{CONTROL_HEIGHT, ERROR, FIELD_WIDTH, GOOD, big_button, labelled, rgb_texture};
use crate::enrollment::{
    Crop, Desk, FieldError, FlowError, MAX_FILE_BYTES, PHOTO_SIZE, PersonalForm, PhotoChecks,
    PhotoError, PhotoSource, SignaturePad, face_guide, import_signature,
};
use crate::model::{ApplicantKind, Service};
use crate::regulation::MessageArg;

struct PhotoState {
    source: PhotoSource,
    crop: Crop,
    preview: Option<egui::TextureHandle>,
    /// The preview's size in source pixels per preview pixel.
    scale: f32,
}

/// The transient state of the personal-data step.
#[derive(Default)]
pub struct PersonalPanel {
    pub form: PersonalForm,
    photo_path: String,
    photo: Option<PhotoState>,
    photo_texture: Option<egui::TextureHandle>,
    signature_path: String,
    pad: SignaturePad,
    signature_texture: Option<egui::TextureHandle>,
    errors: Vec<FieldError>,
    /// A file problem: (field, Fluent id, detail).
    file_error: Option<(&'static str, &'static str, String)>,
}

/// Reads a photo or signature file, refusing huge files before reading them.
fn read_file(path: &Path) -> Result<Vec<u8>, (&'static str, String)> {
    let meta = std::fs::metadata(path).map_err(|e| ("photo-error-unreadable", e.to_string()))?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        let error = PhotoError::TooLarge {
            bytes: usize::try_from(meta.len()).unwrap_or(usize::MAX),
            max: MAX_FILE_BYTES,
        };
        return Err((error.message_key(), format_mb(meta.len())));
    }
    std::fs::read(path).map_err(|e| ("photo-error-unreadable", e.to_string()))
}

fn format_mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

impl PersonalPanel {
    /// The photo and signature as shown, for the review.
    pub fn images(&self) -> (Option<&egui::TextureHandle>, Option<&egui::TextureHandle>) {
        (self.photo_texture.as_ref(), self.signature_texture.as_ref())
    }

    fn error(&self, cx: &DeskContext<'_>, field: &str) -> Option<String> {
        if let Some((f, key, detail)) = &self.file_error
            && *f == field
        {
            return Some(cx.l.format(
                cx.lang,
                key,
                &[
                    ("detail", MessageArg::Text(detail.clone())),
                    ("max", MessageArg::Text(format_mb(MAX_FILE_BYTES as u64))),
                ],
            ));
        }
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| cx.l.text(cx.lang, e.key))
    }

    /// Imports a photo file into the crop view.
    pub fn import_photo(&mut self, path: &Path) {
        self.file_error = None;
        let result = read_file(path).and_then(|bytes| {
            PhotoSource::load(&bytes).map_err(|e| {
                let detail = match &e {
                    PhotoError::TooLarge { bytes, .. } => format_mb(*bytes as u64),
                    other => other.to_string(),
                };
                (e.message_key(), detail)
            })
        });
        match result {
            Ok(source) => {
                let crop = source.default_crop();
                self.photo = Some(PhotoState {
                    source,
                    crop,
                    preview: None,
                    scale: 1.0,
                });
            }
            Err((key, detail)) => self.file_error = Some(("photo", key, detail)),
        }
    }

    /// Imports a signature file.
    pub fn import_signature(&mut self, path: &Path) {
        self.file_error = None;
        let result = read_file(path).and_then(|bytes| {
            import_signature(&bytes).map_err(|e| (e.message_key(), e.to_string()))
        });
        match result {
            Ok(signature) => {
                self.form.signature = Some(signature);
                self.signature_texture = None;
            }
            Err((key, detail)) => self.file_error = Some(("signature", key, detail)),
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, desk: &mut Desk, cx: &mut DeskContext<'_>) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let Some((kind, service)) = desk.applicant() else {
            return;
        };
        if let Some(identity) = desk.identity() {
            let name = &identity.name;
            ui.strong(format!(
                "{} {} {} — {}",
                name.surname,
                name.name,
                name.patronymic.clone().unwrap_or_default(),
                identity.birth_date
            ));
        }
        let has_document = desk.identity().is_some_and(|i| i.document_number.is_some());
        let first_issue = matches!(service, Service::Passport(_));
        self.fields_ui(ui, cx, kind, has_document, first_issue);
        ui.add_space(8.0);
        if big_button(ui, t("ui-next")).clicked() {
            match desk.set_personal_data(&self.form) {
                Ok(()) => self.errors.clear(),
                Err(FlowError::Fields(errors)) => self.errors = errors,
                Err(e) => {
                    self.errors = vec![FieldError::new("form", e.message_key())];
                }
            }
        }
        if !self.errors.is_empty() {
            ui.colored_label(ERROR, t("flow-error-fields"));
        }
    }

    /// The п.7 fields of the registry concerned, the photo and (citizens)
    /// the signature; used at enrolment and for corrections.
    pub fn fields_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &DeskContext<'_>,
        kind: ApplicantKind,
        has_document: bool,
        first_issue: bool,
    ) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        if kind == ApplicantKind::Citizen {
            let e = self.error(cx, "birth_place");
            labelled(ui, &t("ui-birth-place"), &mut self.form.birth_place, e);
            labelled(ui, &t("ui-ethnicity"), &mut self.form.ethnicity, None);
        }
        if kind == ApplicantKind::Foreigner {
            let e = self.error(cx, "citizenship");
            labelled(ui, &t("ui-citizenship"), &mut self.form.citizenship, e);
        }
        let needs_document = kind != ApplicantKind::Citizen || has_document;
        if needs_document {
            ui.label(t(if kind == ApplicantKind::Citizen {
                "ui-previous-passport"
            } else {
                "ui-identity-document"
            }));
            let (ei, ee, ea) = (
                self.error(cx, "document_issue_date"),
                self.error(cx, "document_expiry_date"),
                self.error(cx, "document_authority"),
            );
            labelled(
                ui,
                &t("ui-issue-date"),
                &mut self.form.document_issue_date,
                ei,
            );
            labelled(
                ui,
                &t("ui-expiry-date"),
                &mut self.form.document_expiry_date,
                ee,
            );
            labelled(
                ui,
                &t("ui-issuing-authority"),
                &mut self.form.document_authority,
                ea,
            );
        } else if first_issue {
            ui.weak(t("ui-no-previous-passport"));
        }
        ui.separator();
        // The photo and the signature side by side: the page fits 1280×800.
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| self.photo_ui(ui, cx));
            if kind == ApplicantKind::Citizen {
                ui.add_space(24.0);
                ui.vertical(|ui| self.signature_ui(ui, cx));
            }
        });
    }

    /// A panel over an existing form (a correction starts from the record).
    pub fn with_form(form: PersonalForm) -> Self {
        PersonalPanel {
            form,
            ..PersonalPanel::default()
        }
    }

    /// Messages to show next to the fields.
    pub fn set_errors(&mut self, errors: Vec<FieldError>) {
        self.errors = errors;
    }

    fn photo_ui(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        ui.strong(t("ui-photo"));
        let label = ui.label(t("ui-photo-file"));
        ui.horizontal(|ui| {
            ui.add_sized(
                [FIELD_WIDTH, CONTROL_HEIGHT],
                egui::TextEdit::singleline(&mut self.photo_path),
            )
            .labelled_by(label.id);
            if big_button(ui, t("ui-import-photo")).clicked() {
                let path = self.photo_path.trim().to_string();
                self.import_photo(Path::new(&path));
            }
        });
        if let Some(error) = self.error(cx, "photo") {
            ui.colored_label(ERROR, error);
        }
        let mut use_crop = false;
        if let Some(state) = &mut self.photo {
            ui.label(t("ui-photo-crop-help"));
            ui.horizontal(|ui| {
                let side = 360u32;
                if state.preview.is_none() {
                    let preview = state.source.preview(side);
                    state.scale = state.source.size().0 as f32 / preview.width().max(1) as f32;
                    state.preview = Some(rgb_texture(ui.ctx(), "preview-of-photo", &preview));
                }
                if let Some(texture) = &state.preview {
                    let size = texture.size_vec2();
                    let response = ui.add(
                        egui::Image::from_texture(texture)
                            .fit_to_exact_size(size)
                            .sense(egui::Sense::drag()),
                    );
                    let (w, h) = state.source.size();
                    if response.dragged() {
                        let delta = response.drag_delta();
                        state.crop.center_x =
                            (state.crop.center_x + delta.x / size.x).clamp(0.0, 1.0);
                        state.crop.center_y =
                            (state.crop.center_y + delta.y / size.y).clamp(0.0, 1.0);
                    }
                    // The crop and the face guide over the source.
                    let (x, y, cw, ch) = state.source.rect(state.crop);
                    let to_screen = |px: u32, py: u32| {
                        response.rect.min
                            + egui::vec2(
                                px as f32 / w as f32 * response.rect.width(),
                                py as f32 / h as f32 * response.rect.height(),
                            )
                    };
                    let rect = egui::Rect::from_min_max(to_screen(x, y), to_screen(x + cw, y + ch));
                    let painter = ui.painter_at(response.rect);
                    painter.rect_stroke(
                        rect,
                        0.0,
                        egui::Stroke::new(2.0, egui::Color32::from_rgb(30, 100, 220)),
                        egui::StrokeKind::Inside,
                    );
                    let (rx, ry) = face_guide(rect.width(), rect.height());
                    let centre = rect.center();
                    let points: Vec<egui::Pos2> = (0..64)
                        .map(|i| {
                            let a = i as f32 / 64.0 * std::f32::consts::TAU;
                            centre + egui::vec2(rx * a.cos(), ry * a.sin())
                        })
                        .collect();
                    painter.add(egui::Shape::closed_line(
                        points,
                        egui::Stroke::new(2.0, egui::Color32::from_rgb(240, 180, 0)),
                    ));
                }
                let checks = state.source.checks(state.crop);
                ui.vertical(|ui| {
                    ui.add(
                        egui::Slider::new(&mut state.crop.height, 0.1..=1.0)
                            .fixed_decimals(2)
                            .text(t("ui-photo-zoom")),
                    );
                    ui.add(
                        egui::Slider::new(&mut state.crop.center_x, 0.0..=1.0)
                            .text(t("ui-photo-horizontal")),
                    );
                    ui.add(
                        egui::Slider::new(&mut state.crop.center_y, 0.0..=1.0)
                            .text(t("ui-photo-vertical")),
                    );
                    check_line(ui, cx, &checks);
                    ui.weak(t("ui-photo-guide"));
                    if big_button(ui, t("ui-photo-use")).clicked() {
                        use_crop = true;
                    }
                });
            });
        }
        if use_crop && let Some(state) = &self.photo {
            let checks = state.source.checks(state.crop);
            if !checks.passed() {
                self.file_error = Some(("photo", "photo-error-checks", String::new()));
            } else {
                match state.source.encode(state.crop) {
                    Ok(photo) => {
                        let rendered = state.source.render(state.crop);
                        self.photo_texture = Some(rgb_texture(ui.ctx(), "photo", &rendered));
                        self.form.photo = Some(photo);
                        self.photo = None;
                        self.file_error = None;
                    }
                    Err(e) => {
                        self.file_error = Some(("photo", e.message_key(), e.to_string()));
                    }
                }
            }
        }
        if self.photo_texture.is_none()
            && let Some(photo) = &self.form.photo
            && let Ok(image) = image::load_from_memory(&photo.bytes)
        {
            self.photo_texture = Some(rgb_texture(ui.ctx(), "photo", &image.to_rgb8()));
        }
        if self.form.photo.is_some() {
            ui.horizontal(|ui| {
                if let Some(texture) = &self.photo_texture {
                    ui.add(egui::Image::from_texture(texture).max_height(160.0));
                }
                ui.colored_label(
                    GOOD,
                    cx.l.format(
                        cx.lang,
                        "ui-photo-taken",
                        &[
                            ("width", MessageArg::Number(i64::from(PHOTO_SIZE.0))),
                            ("height", MessageArg::Number(i64::from(PHOTO_SIZE.1))),
                        ],
                    ),
                );
            });
        }
    }

    fn signature_ui(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        ui.strong(t("ui-signature"));
        ui.checkbox(&mut self.form.unable_to_sign, t("ui-unable-to-sign"));
        if self.form.unable_to_sign {
            return;
        }
        // The pad: strokes drawn with the mouse, a stylus or a finger.
        let size = egui::vec2(420.0, 140.0);
        let (response, painter) = ui.allocate_painter(size, egui::Sense::drag());
        let rect = response.rect;
        painter.rect_filled(rect, 4.0, egui::Color32::WHITE);
        painter.rect_stroke(
            rect,
            4.0,
            egui::Stroke::new(1.0, egui::Color32::GRAY),
            egui::StrokeKind::Inside,
        );
        if response.drag_started() {
            self.pad.strokes.push(Vec::new());
        }
        if response.dragged()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let p = (
                ((pos.x - rect.min.x) / rect.width()).clamp(0.0, 1.0),
                ((pos.y - rect.min.y) / rect.height()).clamp(0.0, 1.0),
            );
            if let Some(stroke) = self.pad.strokes.last_mut() {
                stroke.push(p);
            }
        }
        if response.drag_stopped() && !self.pad.is_empty() {
            let signature = self.pad.render();
            self.signature_texture = image::load_from_memory(&signature.bytes)
                .ok()
                .map(|image| rgb_texture(ui.ctx(), "signature", &image.to_rgb8()));
            self.form.signature = Some(signature);
        }
        for stroke in &self.pad.strokes {
            let points: Vec<egui::Pos2> = stroke
                .iter()
                .map(|(x, y)| rect.min + egui::vec2(x * rect.width(), y * rect.height()))
                .collect();
            painter.add(egui::Shape::line(
                points,
                egui::Stroke::new(2.5, egui::Color32::BLACK),
            ));
        }
        if self.pad.is_empty()
            && let Some(signature) = &self.form.signature
        {
            if self.signature_texture.is_none()
                && let Ok(image) = image::load_from_memory(&signature.bytes)
            {
                self.signature_texture = Some(rgb_texture(ui.ctx(), "signature", &image.to_rgb8()));
            }
            if let Some(texture) = &self.signature_texture {
                painter.image(
                    texture.id(),
                    rect,
                    egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
                    egui::Color32::WHITE,
                );
            }
        }
        if big_button(ui, t("ui-signature-clear")).clicked() {
            self.pad.clear();
            self.form.signature = None;
            self.signature_texture = None;
        }
        let label = ui.label(t("ui-signature-file"));
        ui.horizontal(|ui| {
            ui.add_sized(
                [FIELD_WIDTH, CONTROL_HEIGHT],
                egui::TextEdit::singleline(&mut self.signature_path),
            )
            .labelled_by(label.id);
            if big_button(ui, t("ui-import-signature")).clicked() {
                let path = self.signature_path.trim().to_string();
                self.pad.clear();
                self.import_signature(Path::new(&path));
            }
        });
        if let Some(error) = self.error(cx, "signature") {
            ui.colored_label(ERROR, error);
        }
    }
}

fn check_line(ui: &mut egui::Ui, cx: &DeskContext<'_>, checks: &PhotoChecks) {
    let mark = |ok: bool| if ok { GOOD } else { ERROR };
    let background = cx.l.format(
        cx.lang,
        "ui-photo-background",
        &[(
            "lightness",
            MessageArg::Number(i64::from(checks.background)),
        )],
    );
    ui.colored_label(mark(checks.background_light), background);
    let resolution = cx.l.format(
        cx.lang,
        "ui-photo-resolution",
        &[
            ("width", MessageArg::Number(i64::from(checks.width))),
            ("height", MessageArg::Number(i64::from(checks.height))),
            ("min_width", MessageArg::Number(i64::from(PHOTO_SIZE.0))),
            ("min_height", MessageArg::Number(i64::from(PHOTO_SIZE.1))),
        ],
    );
    ui.colored_label(mark(checks.resolution_ok), resolution);
}
