#!/usr/bin/env bash
# Seeds for fuzz_backup_json: a valid backup with one record of each kind (measure responses
# and documents included), and variants.
set -euo pipefail
out=$1
cat > "$out/backup-valid.json" <<'JSON'
{"format":"afterglow-backup","format_version":1,"exported_at":"2026-11-25T20:49:28Z","records":[
{"type":"session","id":"0123456789abcdef0123456789abcdef","version":3,"created":{"utc":1790000000,"zone":"Europe/Berlin"},"updated":{"utc":1790003600,"zone":"Europe/Berlin"},"kind":"medicine","protocol":"kap","route":"im","scheduled":{"utc":1790000000,"zone":"Europe/Berlin"},"started":null,"ended":{"utc":1790007200,"zone":""},"provider":"Dr. Müller","notes":"ok"},
{"type":"entry","id":"11111111111111111111111111111111","version":1,"created":{"utc":1790090000,"zone":"UTC"},"updated":{"utc":1790090000,"zone":"UTC"},"kind":"integration","title":"Day 1","body":"日本語 שלום 🌅","prompts":[{"prompt":"What happened?","answer":"A lot."}],"emotions":["relief"],"tags":["grief"],"actions":[{"text":"Walk","done":true}],"checklist":[{"label":"Driver","done":false}],"session":"0123456789abcdef0123456789abcdef","captured":false},
{"type":"checkin","id":"22222222222222222222222222222222","version":2,"created":{"utc":-5,"zone":""},"updated":{"utc":0,"zone":""},"at":{"utc":1790000000,"zone":"Asia/Kolkata"},"scores":[{"measure":"mood","value":6.5,"min":0,"max":10}],"note":"","session":null},
{"type":"measure-response","id":"44444444444444444444444444444444","version":1,"created":{"utc":1796172538,"zone":"Etc/UTC"},"updated":{"utc":1796172538,"zone":"Etc/UTC"},"instrument":"phq-9","title":"PHQ-9","questionnaire":"urn:afterglow:fhir:Questionnaire/phq-9|1","status":"completed","authored":{"utc":1796172538,"zone":"Etc/UTC"},"answers":[{"link_id":"/44250-9","system":"http://loinc.org","code":"LA6568-5","display":"Not at all","value":0.0,"scored":true},{"link_id":"/44260-8","system":"http://loinc.org","code":"LA6569-3","display":"Several days","value":1.0,"scored":true},{"link_id":"/69722-7","system":"http://loinc.org","code":"LA6573-5","display":"Somewhat difficult","value":1.0,"scored":false}],"total":1.0,"total_max":27.0,"total_link_id":"/44261-6","band":"minimal","flags":["risk"],"session":"0123456789abcdef0123456789abcdef","note":""},
{"type":"measure-response","id":"55555555555555555555555555555555","version":1,"created":{"utc":1,"zone":""},"updated":{"utc":1,"zone":""},"instrument":"gad-7","title":"GAD-7","questionnaire":"","status":"score-only","authored":{"utc":1796000000,"zone":"UTC"},"answers":[],"total":null,"total_max":21.0,"total_link_id":"","band":"","flags":[],"session":null,"note":"at the clinic"},
{"type":"document","id":"66666666666666666666666666666666","version":1,"created":{"utc":1796172541,"zone":"Etc/UTC"},"updated":{"utc":1796172541,"zone":"Etc/UTC"},"kind":"care-team","name":"care team","body":"{\"therapist\":{\"name\":\"Dr. Ng\",\"phone\":\"+1 555 0100\"}}"},
{"type":"goal","id":"33333333333333333333333333333333","version":1,"created":{"utc":1,"zone":""},"updated":{"utc":1,"zone":""},"title":"Sleep","description":"","status":"active","target":null,"reviews":["better"]}
]}
JSON
printf '{"format":"afterglow-backup","format_version":1,"exported_at":"x","records":[]}' > "$out/backup-empty.json"
printf '{"format":"afterglow-backup","format_version":2}' > "$out/backup-v2.json"
