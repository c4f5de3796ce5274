//! Progress of the files being read in the background.

use egui::Ui;

use crate::model::open::OpenJob;
use crate::render::style::PROGRESS_BAR_WIDTH;
use crate::session::file_name;

pub fn loading_ui(ui: &mut Ui, jobs: &[OpenJob]) {
    let megabytes = |bytes: u64| bytes as f64 / 1e6;
    for job in jobs {
        ui.horizontal(|ui| {
            ui.spinner();
            if job.total_bytes > 0 {
                let fraction = job.bytes_read() as f32 / job.total_bytes as f32;
                ui.add(
                    egui::ProgressBar::new(fraction.min(1.0))
                        .desired_width(PROGRESS_BAR_WIDTH)
                        .text(format!(
                            "{:.1} of {:.1} MB",
                            megabytes(job.bytes_read()),
                            megabytes(job.total_bytes)
                        )),
                );
            }
            ui.label(format!("Opening {}…", file_name(&job.path)));
        });
    }
}
