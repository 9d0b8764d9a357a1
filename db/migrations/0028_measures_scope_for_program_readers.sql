-- Tokens that may read milestones (read:program) also get the new "measures" area, so an existing token keeps "every area it may read".
INSERT INTO `api_token_scopes` (`token_id`, `scope`)
SELECT `token_id`, 'measures' FROM `api_token_scopes` WHERE `scope` = 'milestones';
