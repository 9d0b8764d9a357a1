-- The one counter row; the triggers that move it are (re)created after every migration (db/figures-version.ts).
INSERT INTO `figures_version` (`id`, `changes`) VALUES (1, 0);
