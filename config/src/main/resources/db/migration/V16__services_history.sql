-- A citizen's services history (GET /api/me/services) reads their applications newest first.
CREATE INDEX exam_application_by_cabinet ON readmodel.exam_application (cabinet_id, started_at DESC);
