import {
  Activity,
  BarChart3,
  FileText,
  Gift,
  LayoutDashboard,
  MessagesSquare,
  Plug,
  ScrollText,
  Send,
  Settings,
  Users,
  Workflow,
  type LucideIcon,
} from "lucide-react";

export type NavItem = { href: string; label: string; icon: LucideIcon; adminOnly?: boolean };

export const navItems: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard },
  { href: "/integrations", label: "Integrations", icon: Plug, adminOnly: true },
  { href: "/templates", label: "Templates", icon: FileText },
  { href: "/contacts", label: "Contacts", icon: Users },
  { href: "/segments", label: "Segments", icon: BarChart3 },
  { href: "/campaigns", label: "Campaigns", icon: Send },
  { href: "/loyalty", label: "Loyalty SMS", icon: Gift },
  { href: "/conversations", label: "Conversations", icon: MessagesSquare },
  { href: "/responsys-jobs", label: "Responsys jobs", icon: Activity },
  { href: "/responsys-invocations", label: "Responsys invocations", icon: Workflow, adminOnly: true },
  { href: "/audit-log", label: "Audit log", icon: ScrollText, adminOnly: true },
  { href: "/settings", label: "Settings", icon: Settings, adminOnly: true },
];
