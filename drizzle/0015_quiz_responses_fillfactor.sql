-- Leave room on each page so an answer's update can stay on the same page (a HOT update, no index writes).
ALTER TABLE "quiz_responses" SET (fillfactor = 80);
