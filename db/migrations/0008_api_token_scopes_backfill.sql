-- Tokens created before scopes existed read every area, as they did; their owner's role still limits what they see,
-- and they expire with the default lifetime (previous migrations).
INSERT INTO `api_token_scopes` (`token_id`, `scope`)
SELECT `api_tokens`.`id`, `areas`.`scope`
FROM `api_tokens`
CROSS JOIN (
  SELECT 'program' AS `scope` UNION ALL SELECT 'workstreams' UNION ALL SELECT 'milestones'
  UNION ALL SELECT 'budget' UNION ALL SELECT 'risks' UNION ALL SELECT 'board-reports'
) AS `areas`;
