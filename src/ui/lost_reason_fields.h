// The fields of every "why was it lost?" question (one deal from the board, many from the list): the
// admin's reasons as a pick list and an optional note, with their validation messages. Tags:
// lost.reason.<lost reason id>, lost.note, error.lost_reason_id, error.lost_note.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ui/board_models.h"
#include "ui/dialog_frame.h"

namespace roadbook::ui {

void DrawLostReasonFields(const std::vector<ChoiceModel>& reasons, std::string& reason_id, std::string& note,
                          const std::vector<ValidationError>& errors, bool phone);

// The whole question (tagged dialog.lost, buttons lost.cancel and lost.confirm): nothing while it is closed,
// else which button was pressed. On Cancel the popup is already closed; the caller resets its state.
std::optional<DialogButtons> DrawLostQuestion(const char* window, const std::string& title, const std::string& subtitle,
                                              const std::vector<ChoiceModel>& reasons, bool& open,
                                              std::string& reason_id, std::string& note,
                                              const std::vector<ValidationError>& errors, bool phone);

}  // namespace roadbook::ui
