// The fields of every "why was it lost?" question (one deal from the board, many from the list): the
// admin's reasons as a pick list and an optional note, with their validation messages. Tags:
// lost.reason.<lost reason id>, lost.note, error.lost_reason_id, error.lost_note.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "ui/board_models.h"

namespace roadbook::ui {

void DrawLostReasonFields(const std::vector<ChoiceModel>& reasons, std::string& reason_id, std::string& note,
                          const std::vector<ValidationError>& errors, bool phone);

}  // namespace roadbook::ui
