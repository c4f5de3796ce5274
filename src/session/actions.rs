//! What a panel, the map or a key asks the App to do, and what is selected.

use std::path::PathBuf;

use super::settings::{DateChoice, PlaybackSpeed, ThemeChoice};
use crate::layers::{LayerId, OverlayId};
use crate::model::CountryId;
use crate::model::edit::Edit;
use crate::model::scenario::{Party, TensionKind};
use crate::model::search::Target;

/// A request from a panel or the map, applied by the App at the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SelectCountry(CountryId),
    /// Selects the country and flies the map to it (from search).
    FlyToCountry(CountryId),
    /// Index of a tension in the scenario.
    SelectTension(usize),
    /// Selects the tension and flies the map to its arcs (from search).
    FlyToTension(usize),
    /// Index of a group in the scenario.
    SelectGroup(usize),
    /// Goes where a search suggestion leads and clears the search.
    ChooseSuggestion(Target),
    /// A contested territory, by its index in the bundled territories.
    SelectTerritory(usize),
    /// Index of an excerpt in the scenario: selects its countries and fits the map to them.
    SelectExcerpt(usize),
    SelectOverlayFeature {
        overlay: OverlayId,
        feature: usize,
    },
    ClearSelection,
    ToggleLayer(LayerId),
    ToggleOverlay(OverlayId),
    RemoveOverlay(OverlayId),
    SetDate(DateChoice),
    SetTheme(ThemeChoice),
    SetReaderOpen(bool),
    SetHelpOpen(bool),
    SetExcerptsOpen(bool),
    /// Shows or hides the layers and details panel.
    SetDetailsOpen(bool),
    SetOnlineTiles(bool),
    /// The online tiles did not load in time: say so once, and draw the offline map.
    OnlineTilesFailed,
    SetSearchQuery(String),
    SetReaderQuery(String),
    FocusSearch,
    /// Zooms the map by this many levels around its centre (negative zooms out).
    ZoomMap(f64),
    /// Moves the map by this distance on screen, in points.
    PanMap(egui::Vec2),
    ResetView,
    ResetAll,
    ShowOpenDialog,
    /// Asks the reader where to save a figure, a view or the edited scenario (the desktop's
    /// dialog, or the in-app browser); the answer comes back as [`Action::FilesChosen`].
    AskSavePath(SaveTarget),
    /// The reader agreed to replace the existing file a save asked about.
    ConfirmReplace,
    CancelReplace,
    OpenFiles(Vec<PathBuf>),
    OpenBundledScenario,
    /// Drafts a scenario from text pasted on the map.
    DraftPastedText(String),
    DismissMessage(usize),
    /// Editing the scenario: edits, undo and redo, making a tension, saving.
    Editing(EditAction),
    /// Starts presenting the story from its first step.
    StartPresentation,
    /// Moves the presentation this many steps (negative goes back).
    StepPresentation(i32),
    /// Ends the presentation, putting back what was on screen before it.
    LeavePresentation,
    ToggleFullscreen,
    /// Closes the window, as its close button does: unsaved edits are asked about first.
    Quit,
    /// Plays the timeline, or pauses it.
    TogglePlayback,
    SetPlaybackSpeed(PlaybackSpeed),
    /// Puts text on the clipboard (a citation) and says so.
    CopyToClipboard(String),
    /// Puts the link to this view on the published page on the clipboard.
    CopyViewLink,
    /// The address of the page the app's scenario is published on (`scripts/build-web`).
    SetPublishedAddress(String),
    /// The reader chose files in a file dialog, for this purpose.
    FilesChosen {
        purpose: FilePurpose,
        paths: Vec<PathBuf>,
        /// The dialog itself asked before replacing an existing file, as a desktop's own
        /// dialog does; the in-app browser leaves that question to the App.
        replace_asked: bool,
    },
}

/// What the app is asked to save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveTarget {
    Figure,
    View,
    /// The scenario being edited (File > Save as).
    Scenario,
}

impl SaveTarget {
    /// The extension a file name without one is given.
    pub fn extension(self) -> &'static str {
        match self {
            SaveTarget::Figure => "png",
            SaveTarget::View | SaveTarget::Scenario => "json",
        }
    }
}

/// What the reader has picked on the map or in a panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Selection {
    #[default]
    None,
    Country(CountryId),
    Excerpt {
        index: usize,
        countries: Vec<CountryId>,
        /// Tensions highlighted with it (a step of a presentation), by index.
        tensions: Vec<usize>,
    },
    Tension(usize),
    /// A group of the scenario, by its index.
    Group(usize),
    /// A contested territory, by its index in the bundled territories.
    Territory(usize),
    OverlayFeature {
        overlay: OverlayId,
        feature: usize,
    },
}

impl Selection {
    /// The countries to outline on the map.
    pub fn countries(&self) -> &[CountryId] {
        match self {
            Selection::Country(country) => std::slice::from_ref(country),
            Selection::Excerpt { countries, .. } => countries,
            Selection::None
            | Selection::Tension(_)
            | Selection::Territory(_)
            | Selection::Group(_)
            | Selection::OverlayFeature { .. } => &[],
        }
    }

    /// The tensions whose arcs are highlighted, by index in the scenario.
    pub fn tensions(&self) -> &[usize] {
        match self {
            Selection::Tension(index) => std::slice::from_ref(index),
            Selection::Excerpt { tensions, .. } => tensions,
            Selection::None
            | Selection::Country(_)
            | Selection::Territory(_)
            | Selection::Group(_)
            | Selection::OverlayFeature { .. } => &[],
        }
    }

    pub fn country(&self) -> Option<CountryId> {
        match self {
            Selection::Country(country) => Some(*country),
            _ => None,
        }
    }
}

/// What the chosen file is for, which decides what happens with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// Open scenarios, overlays or articles.
    Open,
    /// Write a figure, a view file or the edited scenario.
    Save(SaveTarget),
}

/// What the editor asks for; document changes go through [`EditAction::Apply`].
#[derive(Clone, Debug, PartialEq)]
pub enum EditAction {
    /// Edits the scenario shown (a copy, for the bundled one).
    Start,
    /// Leaves the editor; only offered when nothing is unsaved.
    Stop,
    /// Gives up the unsaved edits and the draft, back to the scenario as last opened or saved.
    Discard,
    Apply(Edit),
    Undo,
    Redo,
    /// Starts a tension stated by the excerpt at this index.
    StartTension {
        excerpt: usize,
    },
    SetTensionKind(TensionKind),
    /// Adds a party that is not clicked on the map (a group, or an actor already placed).
    AddParty(Party),
    RemoveParty(usize),
    SetActorName(String),
    /// The next click on the map places an actor with the name typed.
    PlaceActor,
    /// A click on the map while a tension is being made, in degrees.
    PickAt {
        lon: f64,
        lat: f64,
    },
    FinishTension,
    CancelTension,
    /// Saves to the file last saved to or opened from; asks for one (Save as) where there is
    /// none.
    Save,
    QuitWithoutSaving,
    CancelQuit,
}
