// The Settings editors for the team's configuration: pipelines and their stages (name, probability,
// forecast category, days before rotting, next-step window, order), lost reasons (add, retire, restore),
// and the reporting currency with exchange rates. Read-only for signed-in people who are not admins.
// Tags: settings.pipeline, settings.pipeline.<id>, settings.new-pipeline, settings.add-pipeline,
// stage.<id>.name, stage.<id>.probability, stage.<id>.category, stage.<id>.category.<name>, stage.<id>.rot,
// stage.<id>.window, stage.<id>.up, stage.<id>.down, stage.<id>.save, settings.new-stage, settings.add-stage,
// reason.<id>, reason.<id>.retire, reason.<id>.restore, settings.new-reason, settings.add-reason,
// settings.reporting-currency, settings.set-reporting-currency, rate.<code>, rate.<code>.remove,
// settings.rate-currency, settings.rate-value, settings.set-rate, settings.configuration-note,
// error.<field> under the part that was refused.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

// `editable`: signed out, or signed in as an admin (the server refuses anyone else's changes).
void DrawConfigurationSections(const ConfigurationModel& model, bool editable, ConfigurationState& state,
                               ConfigurationCommands& commands, bool phone);

}  // namespace roadbook::ui
