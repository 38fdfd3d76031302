import type { Metadata } from "next";
import { ComingArea } from "@/components/admin/coming-area";
import { requireMember } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Quizzes" };

export default async function QuizzesPage({ params }: { params: Promise<{ workspace: string }> }) {
  await requireMember((await params).workspace);
  return (
    <ComingArea
      title="Quizzes"
      icon="quizzes"
      summary="Onboarding quizzes that ask people what they want and remember the answers."
      emptyTitle="Quizzes will appear here"
      emptyBody="Build a quiz such as “Find your routine” or “What’s your role?”, publish a version, and share it as a hosted page or an embed. Every answer becomes a trait on the person’s profile, with where it came from."
    />
  );
}
