-- Version 3: indexes for the view queries (store/view_queries.h). Never edit: add a migration.
-- The board reads every open deal of a pipeline, column by column in close-date order: a partial index
-- over open deals only (a small share of all deals) that holds every column a card needs, so the board is
-- one ordered index scan with no table lookups and no sort.
CREATE INDEX opportunities_open_cards ON opportunities (
    pipeline_id, stage_id, expected_close_date, id, name, account_id, amount_minor, currency_code, status, owner_id,
    probability_override, forecast_category_override, stage_entered_at_ms, last_touch_at_ms, close_date_push_count,
    no_next_step_reason
) WHERE status = 'open';

-- Each deal's earliest and latest scheduled due date in one ordered pass (next activity and rotting), from
-- the index alone. state leads so the planner sees the equality; the partial WHERE keeps it small.
CREATE INDEX activities_scheduled_by_opportunity ON activities (state, opportunity_id, due_date)
    WHERE state = 'scheduled';

-- The forecast finds won and lost deals by the date they closed.
CREATE INDEX opportunities_by_closed_date ON opportunities (status, closed_date) WHERE closed_date IS NOT NULL;
