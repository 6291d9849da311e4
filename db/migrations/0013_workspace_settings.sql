ALTER TABLE "workspaces" ADD COLUMN "consent_keywords" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "desk_token_hash" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "desk_token_set_at" timestamp (3) with time zone;--> statement-breakpoint
-- The opt-out words kept so far carry over as opt-out keywords. Their language was never
-- recorded, so they get "und" (BCP 47 for undetermined) until an admin sets it; blanks and
-- case-insensitive repeats are left out, the first spelling kept.
UPDATE "workspaces" w SET "consent_keywords" = coalesce((
  SELECT jsonb_agg(jsonb_build_object('language', 'und', 'kind', 'opt_out', 'keyword', k.word) ORDER BY k.first)
  FROM (
    SELECT (array_agg(btrim(word) ORDER BY ordinality))[1] AS word, min(ordinality) AS first
    FROM unnest(w."opt_out_keywords") WITH ORDINALITY AS t(word, ordinality)
    WHERE btrim(word) <> ''
    GROUP BY upper(btrim(word))
  ) k
), '[]'::jsonb)
WHERE cardinality(w."opt_out_keywords") > 0;--> statement-breakpoint
ALTER TABLE "workspaces" DROP COLUMN "opt_out_keywords";
